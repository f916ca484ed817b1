// App Home: the "my day" card laid out as a Home tab. A Home tab holds at most 100 blocks, so
// a last guard cuts the tail with an "and N more" line whatever the data.
import type { HomeView } from "../../../views/home.js";
import { presentHome } from "../../../views/present/home.js";
import type { HomeTabView } from "./block-types.js";
import { context, type RenderCtx } from "./kit.js";
import { cardBlocks } from "./layout.js";
import { LIMITS } from "./limits.js";

export function renderHome(ctx: RenderCtx, v: HomeView): HomeTabView {
  const blocks = cardBlocks(ctx, presentHome(ctx, v));
  if (blocks.length > LIMITS.viewBlocks) {
    const hidden = blocks.length - (LIMITS.viewBlocks - 1);
    blocks.splice(LIMITS.viewBlocks - 1, blocks.length, context([ctx.t("cards:common.and_more", { count: hidden })]));
  }
  return { type: "home", blocks };
}
