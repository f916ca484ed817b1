// The masking corpus: identifiers embedded in Chinese and English text, plus ordinary numbers
// (amounts, dates, times, our own case refs) that must come through untouched.
import { describe, expect, it } from "vitest";
import {
  chineseIdChecksumValid,
  findIdentifiers,
  luhnValid,
  maskCustomerRef,
  maskIdentifiers,
} from "../../src/domain/masking.js";

const masked: Array<[string, string, string]> = [
  // [input, expected output, kind]
  ["客户身份证号31010419880610108X投诉柜员态度差", "客户身份证号3101**********108X投诉柜员态度差", "national_id"],
  [
    "Customer ID 11010519491231002X called about fees.",
    "Customer ID 1101**********002X called about fees.",
    "national_id",
  ],
  ["身份证：11010519491231002x，要求更正", "身份证：1101**********002x，要求更正", "national_id"],
  ["证件号 440304198511120021 已核实", "证件号 4403**********0021 已核实", "national_id"],
  ["ID 310101 19900307 1230 on file", "ID 3101** ******** 1230 on file", "national_id"],
  ["老身份证310101900307123客户", "老身份证3101*******7123客户", "national_id"],
  ["客户手机+86 138 1234 5678，要求回电", "客户手机+86 138 **** 5678，要求回电", "mobile"],
  ["客户电话+8613912345678投诉排队太久", "客户电话+86139****5678投诉排队太久", "mobile"],
  ["手机0086-138-1234-5678", "手机0086-138-****-5678", "mobile"],
  ["Please call 86 13812345678 tomorrow.", "Please call 86 138****5678 tomorrow.", "mobile"],
  ["Mobile: 15912345678.", "Mobile: 159****5678.", "mobile"],
  ["电话13812345678客户说", "电话138****5678客户说", "mobile"],
  ["Call 138-1234-5678 after lunch", "Call 138-****-5678 after lunch", "mobile"],
  ["卡号6222021234567894被ATM吞卡", "卡号6222********7894被ATM吞卡", "card"],
  ["card 6222 0212 3456 7894 was retained", "card 6222 **** **** 7894 was retained", "card"],
  ["The card 4111-1111-1111-1111 was declined.", "The card 4111-****-****-1111 was declined.", "card"],
  ["借记卡6217002210001234563（19位）", "借记卡6217***********4563（19位）", "card"],
  ["Amex 3782 822463 10005 charged twice", "Amex 3782 ****** *0005 charged twice", "card"],
  // Luhn-invalid: not a card, but still a customer's number, masked as an account
  ["卡号6222021234567895有误", "卡号************7895有误", "account"],
  ["card 6222 0212 3456 7895 (typo)", "card **** **** **** 7895 (typo)", "account"],
  ["对公账号31001234567890124转账失败", "对公账号*************0124转账失败", "account"],
  ["account no. 1234567890 frozen", "account no. ******7890 frozen", "account"],
  // full-width forms (NFKC): digits, X, separators; only the identifier is rewritten
  ["手机１３９１２３４５６７８，请回电", "手机139****5678，请回电", "mobile"],
  ["身份证１１０１０５１９４９１２３１００２Ｘ已核实", "身份证1101**********002X已核实", "national_id"],
  ["身份证11010519491231002Ｘ", "身份证1101**********002X", "national_id"],
  ["卡号６２２２　０２１２　３４５６　７８９４", "卡号6222 **** **** 7894", "card"],
  ["电话139－1234－5678", "电话139-****-5678", "mobile"],
  // mobiles with spaces, dashes, dots and a country code
  ["Call 139 1234 5678 please", "Call 139 **** 5678 please", "mobile"],
  ["Call 139-1234-5678 please", "Call 139-****-5678 please", "mobile"],
  ["Call 139.1234.5678 please", "Call 139.****.5678 please", "mobile"],
  ["Call +86 139.1234.5678 please", "Call +86 139.****.5678 please", "mobile"],
  ["Call +86 139 1234 5678 please", "Call +86 139 **** 5678 please", "mobile"],
  // e-mail addresses (a QQ mailbox named by a mobile is one e-mail, not a mobile)
  ["邮箱 zhang.san@example.com 已登记", "邮箱 z***@example.com 已登记", "email"],
  ["mail 13912345678@qq.com back", "mail 1***@qq.com back", "email"],
  ["邮箱ｌｉｓｉ＠ｅｘａｍｐｌｅ．ｃｎ", "邮箱l***@example.cn", "email"],
  // customer names after 客户 / 姓名, before 先生 / 女士
  ["客户张三投诉柜员态度差", "客户张*投诉柜员态度差", "name"],
  ["客户张三丰要求退款", "客户张**要求退款", "name"],
  ["姓名：李四", "姓名：李*", "name"],
  ["联系了李明先生", "联系了李*先生", "name"],
  ["张小明女士来电", "张**女士来电", "name"],
];

const untouched = [
  "金额12345.60元，日期2026-11-23 14:30",
  "Amount 12345.60 on 2026-11-23 at 09:15:30",
  "长款 1,234,567.89 元，短款 1234567890.00 元",
  "Ref INC-SH-LJZ-20261123-001 and CMP-SH-XJH-20261124-012",
  "排队 15 人，3 号窗口，2026/11/23 下午 3:45",
  "Counted 100 notes of 50 and 20 notes of 100 at 17:05.",
  "Loss of 999999999 fen is impossible",
  "第3季度评分95分",
  "王先生来电，态度很好",
  "客户王女士要求回电",
  "客户经理已处理",
  "客户和柜员发生争执",
  "客户表示满意",
  "日期 2026.11.23 金额 1.234",
  "金额１２３４５．６０元",
];

describe("masking corpus", () => {
  it.each(masked)("masks %s", (input, expected, kind) => {
    expect(maskIdentifiers(input)).toBe(expected);
    expect(findIdentifiers(input).map((f) => f.kind)).toEqual([kind]);
  });

  it.each(untouched)("leaves ordinary numbers alone: %s", (input) => {
    expect(maskIdentifiers(input)).toBe(input);
    expect(findIdentifiers(input)).toEqual([]);
  });

  it("masks several identifiers in one English sentence", () => {
    const text = "Tel:13812345678, card 4111 1111 1111 1111, ID 11010519491231002X, paid 12345.60 at 14:30.";
    expect(maskIdentifiers(text)).toBe(
      "Tel:138****5678, card 4111 **** **** 1111, ID 1101**********002X, paid 12345.60 at 14:30.",
    );
  });

  it("masks a mobile right after a time and keeps the time", () => {
    expect(maskIdentifiers("14:30 13812345678")).toBe("14:30 138****5678");
  });

  it("masks every digit run of a malformed ID-like number rather than leaving it visible", () => {
    const out = maskIdentifiers("客户身份证号310101199003071234X投诉");
    expect(out).not.toMatch(/\d{5,}/);
    expect(out.startsWith("客户身份证号")).toBe(true);
    expect(out.endsWith("投诉")).toBe(true);
  });

  it("masks an 18-digit ID shape with a wrong check digit too", () => {
    expect(chineseIdChecksumValid("310101199003071231")).toBe(false);
    const out = maskIdentifiers("身份证310101199003071231");
    expect(out).not.toContain("19900307");
  });

  it("leaves names alone when name masking is off", () => {
    expect(maskIdentifiers("客户张三投诉", { names: false })).toBe("客户张三投诉");
    expect(maskIdentifiers("客户张三手机13912345678", { names: false })).toBe("客户张三手机139****5678");
  });

  it("masks every form in one text, and the result again changes nothing", () => {
    const text =
      "客户张三，身份证１１０１０５１９４９１２３１００２Ｘ，手机139.1234.5678，卡 4111-1111-1111-1111，邮箱 zs@example.com";
    const once = maskIdentifiers(text);
    expect(once).toBe(
      "客户张*，身份证1101**********002X，手机139.****.5678，卡 4111-****-****-1111，邮箱 z***@example.com",
    );
    expect(maskIdentifiers(once)).toBe(once);
  });

  it("masks a name at the start of a customer reference", () => {
    expect(maskCustomerRef("张三 13912345678")).toBe("张* 139****5678");
    expect(maskCustomerRef("王先生")).toBe("王先生");
    expect(maskCustomerRef("欧阳女士 尾号5678")).toBe("欧阳女士 尾号5678");
    expect(maskCustomerRef("张三", { names: false })).toBe("张三");
    expect(maskCustomerRef(maskCustomerRef("李小龙"))).toBe("李**");
  });

  it("is idempotent", () => {
    for (const [input] of masked) {
      const once = maskIdentifiers(input);
      expect(maskIdentifiers(once)).toBe(once);
    }
  });

  it("checks Luhn and the GB 11643 check character", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("6217002210001234563")).toBe(true);
    expect(chineseIdChecksumValid("11010519491231002X")).toBe(true);
    expect(chineseIdChecksumValid("11010519491231002x")).toBe(true);
    expect(chineseIdChecksumValid("110105194912310021")).toBe(false);
    expect(chineseIdChecksumValid("31010419880610108X")).toBe(true);
  });
});
