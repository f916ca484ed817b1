// private_metadata round trip and reading values back from a modal's state.
import { describe, expect, it } from "vitest";
import { decodeModalContext, encodeModalContext, formValues } from "../../src/channels/slack/modal-context.js";
import { isAcceptedBody } from "../../src/channels/slack/payloads.js";

describe("modal context", () => {
  it("round-trips the context id and the origin conversation", () => {
    const raw = encodeModalContext("ctx-1", { channelId: "C1", threadId: "1.2", messageId: "1.3", isDirect: false });
    expect(decodeModalContext(raw)).toEqual({
      contextId: "ctx-1",
      conv: { channelId: "C1", threadId: "1.2", messageId: "1.3", isDirect: false },
    });
  });

  it("keeps within 3000 characters by dropping the origin first", () => {
    const raw = encodeModalContext("c", { channelId: "C".repeat(4000), isDirect: false });
    expect(raw.length).toBeLessThanOrEqual(3000);
    expect(decodeModalContext(raw).contextId).toBe("c");
  });

  it("reads every element kind by block_id", () => {
    expect(
      formValues({
        a: { value: { type: "plain_text_input", value: "12.50" } },
        b: { value: { type: "static_select", selected_option: { value: "opt" } } },
        c: { value: { type: "multi_static_select", selected_options: [{ value: "x" }, { value: "y" }] } },
        d: { value: { type: "datepicker", selected_date: "2026-11-23" } },
        e: { value: { type: "plain_text_input", value: null } },
        f: { value: { type: "file_input", files: [{ id: "F1" }] } },
      }),
    ).toEqual({ a: "12.50", b: "opt", c: ["x", "y"], d: "2026-11-23", e: undefined, f: ["F1"] });
  });

  it("accepts real payload shapes and rejects others", () => {
    expect(
      isAcceptedBody({ type: "shortcut", callback_id: "x", trigger_id: "t", user: { id: "U1" }, team: { id: "T1" } }),
    ).toBe(true);
    expect(isAcceptedBody({ type: "shortcut", callback_id: "x" })).toBe(false);
    expect(isAcceptedBody({ hello: "world" })).toBe(false);
  });
});
