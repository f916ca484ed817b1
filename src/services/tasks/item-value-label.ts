// How a recorded checklist value reads, the same on the reminder and on the echo: an amount
// formatted in its currency, a number with its unit in the reader's language ("12 people" /
// "12人"), a choice by its option's label (never its key, such as `some_down`), free text as
// typed. `value` keeps the raw text for logs and tests; people read `valueLabel`.
import type { Item } from "../../config/playbook-schema.js";
import { displayMinor } from "../../domain/money.js";
import type { Localised } from "../../views/common.js";

export interface ShownValue {
  value?: string;
  valueLabel?: Localised;
}

export function shownValue(
  item: Item,
  v: { valueText?: string | null | undefined; amountMinor?: bigint | string | null | undefined },
): ShownValue {
  const literal = (value: string): ShownValue => ({ value, valueLabel: { key: "labels:value.text", vars: { value } } });
  if (item.kind === "amount" && v.amountMinor !== null && v.amountMinor !== undefined) {
    return literal(displayMinor(BigInt(v.amountMinor), item.currency));
  }
  const text = v.valueText;
  if (text === null || text === undefined) return {};
  if (item.kind === "number") {
    // the unit travels as a key ("$t({{unit}})" in the locale string) so it is translated
    return {
      value: text,
      valueLabel: { key: "labels:value.number", vars: { value: text, unit: `checklist:units.${item.unit}` } },
    };
  }
  if (item.kind === "choice") {
    const option = item.options.find((o) => o.key === text);
    return option ? { value: text, valueLabel: { key: option.label } } : literal(text);
  }
  return literal(text);
}
