/**
 * The packet list, virtualised: only the rows on screen exist in the DOM, so
 * 100,000 packets scroll like 100. Arrow keys move the selection (Wireshark).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n.ts";
import { packetColor } from "../palette.ts";
import type { PacketsModel } from "../packets_model.ts";
import { formatClock } from "./TimeControls.tsx";

export const ROW_HEIGHT = 30;
const OVERSCAN = 6;

/** "board:publisher" → "publisher", "client:mqttx-1" → "mqttx-1". */
export function nodeLabel(node: string): string {
  const colon = node.indexOf(":");
  return colon < 0 ? node : node.slice(colon + 1);
}

export function PacketList({ packets }: { packets: PacketsModel }) {
  packets.version.value; // redraw per applied batch
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const n = packets.viewLength();
  const selected = packets.selectedSeq.value;
  const follow = packets.follow.value;

  useEffect(() => {
    const el = scroller.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Follow the newest row, as Wireshark's auto-scroll does, until the user picks one.
  useEffect(() => {
    const el = scroller.current!;
    if (follow) el.scrollTop = el.scrollHeight;
  });

  // Keep the selected row in view when the keyboard moves it.
  useEffect(() => {
    if (selected === null) return;
    const k = packets.viewIndexOf(packets.store.findSeq(selected));
    const el = scroller.current!;
    if (k < 0) return;
    const top = k * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
    // Draw the rows around it now: a list that has just mounted (a lesson's "show me")
    // may not get a scroll event for this.
    setScrollTop(el.scrollTop);
  }, [selected]);

  // A list that just shrank (a filter) is drawn at its new end before the browser clamps
  // its scroll position and tells us.
  const top = Math.min(scrollTop, Math.max(0, n * ROW_HEIGHT - height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(n, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  const store = packets.store;
  const rows = [];
  for (let k = first; k < last; k++) {
    const abs = packets.viewAt(k);
    const seq = store.seq(abs);
    const type = store.type(abs);
    const peer = nodeLabel(store.peers.values[store.peerId(abs)]);
    const out = store.direction(abs) === "out";
    rows.push(
      <div
        key={seq}
        role="row"
        aria-selected={seq === selected}
        data-seq={seq}
        data-type={type}
        class={seq === selected ? "prow selected" : "prow"}
        style={{ top: `${k * ROW_HEIGHT}px`, "--type-color": packetColor(type) }}
        onClick={() => {
          packets.follow.value = false;
          packets.select(seq);
        }}
      >
        <span role="gridcell" class="c-no">{seq}</span>
        <span role="gridcell" class="c-time">{formatClock(store.atUs(abs))}</span>
        <span role="gridcell" class="c-from">{out ? t("brokerShort") : peer}</span>
        <span role="gridcell" class="c-arrow" aria-hidden="true">→</span>
        <span role="gridcell" class="c-to">{out ? peer : t("brokerShort")}</span>
        <span role="gridcell" class="c-type">{type}</span>
        <span role="gridcell" class="c-summary">{store.summary(abs)}</span>
      </div>,
    );
  }

  return (
    <div class="packet-list" role="grid" aria-label={t("packetList")} aria-rowcount={n}>
      <div class="prow phead" role="row">
        <span role="columnheader" class="c-no">#</span>
        <span role="columnheader" class="c-time">{t("time")}</span>
        <span role="columnheader" class="c-from">{t("from")}</span>
        <span class="c-arrow" />
        <span role="columnheader" class="c-to">{t("to")}</span>
        <span role="columnheader" class="c-type">{t("type")}</span>
        <span role="columnheader" class="c-summary">{t("summary")}</span>
      </div>
      <div
        class="plist-scroll"
        ref={scroller}
        tabIndex={0}
        data-testid="packet-list"
        onScroll={(e) => {
          const el = e.currentTarget;
          setScrollTop(el.scrollTop);
          // Scrolling away from the bottom stops following; back at the bottom resumes.
          const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
          if (packets.follow.value !== atBottom && packets.selectedSeq.value === null) {
            packets.follow.value = atBottom;
          }
        }}
        onKeyDown={(e) => {
          const step = e.key === "ArrowDown"
            ? 1
            : e.key === "ArrowUp"
            ? -1
            : e.key === "PageDown"
            ? 10
            : e.key === "PageUp"
            ? -10
            : e.key === "End"
            ? Infinity
            : e.key === "Home"
            ? -Infinity
            : 0;
          if (step === 0) return;
          e.preventDefault();
          packets.move(Number.isFinite(step) ? step : step > 0 ? 1e9 : -1e9);
        }}
      >
        <div class="plist-spacer" style={{ height: `${n * ROW_HEIGHT}px` }}>{rows}</div>
        {n === 0 && <p class="empty">{t("noPackets")}</p>}
      </div>
    </div>
  );
}
