/**
 * "Show me" from the lesson stepper: a `playground:show` event names a packet (`seq`) or a
 * board; the matching view comes up with it selected or flashed.
 */
import type { PacketsModel } from "./packets_model.ts";
import { NO_FILTER } from "./packets_model.ts";
import { currentView } from "./view_model.ts";

export type ShowTarget = { seq: number } | { board: string };

export function listenForShow(packets: PacketsModel): () => void {
  const onShow = (event: Event) => {
    const target = (event as CustomEvent<ShowTarget>).detail;
    if (!target) return;
    if ("seq" in target) {
      packets.setFilter(NO_FILTER);
      packets.follow.value = false;
      currentView.value = "packets";
      packets.select(target.seq);
    } else if ("board" in target) {
      currentView.value = "boards";
      // After the boards view is drawn: bring the board into view and flash it.
      requestAnimationFrame(() => {
        const card = document.querySelector(`[data-testid="board-${CSS.escape(target.board)}"]`);
        card?.scrollIntoView({ block: "nearest", behavior: "smooth" });
        card?.classList.add("flash");
        setTimeout(() => card?.classList.remove("flash"), 1_600);
      });
    }
  };
  addEventListener("playground:show", onShow);
  return () => removeEventListener("playground:show", onShow);
}
