// What a modal carries from the moment it opens to its submission: the form's context id and
// where the interaction came from (private_metadata, ≤ 3000 chars), and the values read back
// from state.values by block_id (= field name).
import { z } from "zod";
import type { InboundConversation } from "../../bot/contract.js";
import type { StateAction } from "./payloads.js";
import { LIMITS } from "./render/limits.js";

const Metadata = z.object({
  c: z.string(),
  ch: z.string().optional(),
  th: z.string().optional(),
  m: z.string().optional(),
  d: z.boolean().optional(),
});

export interface ModalContext {
  contextId: string;
  conv?: Omit<InboundConversation, "platform">;
}

export function encodeModalContext(contextId: string, conv?: Omit<InboundConversation, "platform">): string {
  const full = JSON.stringify({
    c: contextId,
    ...(conv ? { ch: conv.channelId, th: conv.threadId, m: conv.messageId, d: conv.isDirect } : {}),
  });
  if (full.length <= LIMITS.privateMetadata) return full;
  // The context id is what the core needs; the origin is a convenience for where to reply.
  return JSON.stringify({ c: contextId.slice(0, LIMITS.privateMetadata - 10) });
}

export function decodeModalContext(raw: string): ModalContext {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { contextId: raw };
  }
  const parsed = Metadata.safeParse(json);
  if (!parsed.success) return { contextId: raw };
  const m = parsed.data;
  return {
    contextId: m.c,
    ...(m.ch
      ? {
          conv: {
            channelId: m.ch,
            isDirect: m.d ?? false,
            ...(m.th ? { threadId: m.th } : {}),
            ...(m.m ? { messageId: m.m } : {}),
          },
        }
      : {}),
  };
}

function stateValue(a: StateAction): string | string[] | undefined {
  if (a.selected_options) return a.selected_options.map((o) => o.value);
  if (a.files) return a.files.map((f) => f.id);
  if (a.selected_option) return a.selected_option.value;
  if (a.selected_date) return a.selected_date;
  return a.value ?? undefined;
}

/** Field values by block_id; an input left empty comes back as undefined. */
export function formValues(
  values: Record<string, Record<string, StateAction>>,
): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const first = Object.values(actions)[0];
    out[blockId] = first ? stateValue(first) : undefined;
  }
  return out;
}
