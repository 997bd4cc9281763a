/**
 * The packets travelling along the topology's wires, drawn imperatively in one
 * animation frame loop (no re-render per frame). A token's position is a function of
 * virtual time: it leaves at the packet's time and takes TRAVEL_US of virtual time, so
 * pausing the world freezes it and 100x speeds it up. A packet coming in to the broker
 * arrives at its time instead, so "publisher → broker → subscriber" reads in order.
 */
import type { PacketRow } from "../protocol.ts";
import { packetColor } from "./palette.ts";

export const TRAVEL_US = 400_000;
/** Tokens drawn at once; the newest win. */
export const MAX_TOKENS = 60;
/** A subscriber glows this long (virtual time) after a PUBLISH reaches it. */
const GLOW_US = 600_000;
const SVG = "http://www.w3.org/2000/svg";

interface Token {
  startUs: number;
  from: string;
  to: string;
  label: string;
  color: string;
  publishToClient: boolean;
}

/** `PUBLISH "Hello PRECHIN"` for a publish, the type otherwise. */
export function tokenLabel(row: PacketRow): string {
  if (row.type !== "PUBLISH") return row.type;
  const quoted = row.summary.match(/"((?:[^"\\]|\\.)*)"/);
  const text = quoted ? quoted[1] : "";
  return text ? `PUBLISH "${text.length > 18 ? text.slice(0, 17) + "…" : text}"` : "PUBLISH";
}

export class TokenAnimator {
  #tokens: Token[] = [];
  #pool: SVGGElement[] = [];
  #glowUntil = new Map<string, number>();
  #frame = 0;

  constructor(
    readonly layer: SVGGElement,
    readonly nodeEl: (id: string) => SVGGraphicsElement | null,
    readonly position: (id: string) => { x: number; y: number } | undefined,
    readonly nowUs: () => number,
  ) {
    for (let i = 0; i < MAX_TOKENS; i++) {
      const g = document.createElementNS(SVG, "g");
      g.setAttribute("class", "token");
      g.style.display = "none";
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("rx", "8");
      rect.setAttribute("height", "24");
      rect.setAttribute("y", "-12");
      const text = document.createElementNS(SVG, "text");
      text.setAttribute("dy", "0.35em");
      text.setAttribute("text-anchor", "middle");
      g.append(rect, text);
      layer.append(g);
      this.#pool.push(g);
    }
  }

  add(rows: PacketRow[]): void {
    // Only the newest MAX_TOKENS matter: older ones would be dropped anyway.
    for (const row of rows.slice(-MAX_TOKENS)) {
      const inbound = row.direction === "in";
      this.#tokens.push({
        startUs: inbound ? row.atUs - TRAVEL_US : row.atUs,
        from: inbound ? row.peer : "broker",
        to: inbound ? "broker" : row.peer,
        label: tokenLabel(row),
        color: packetColor(row.type),
        publishToClient: !inbound && row.type === "PUBLISH",
      });
    }
    if (this.#tokens.length > MAX_TOKENS) this.#tokens.splice(0, this.#tokens.length - MAX_TOKENS);
  }

  clear(): void {
    this.#tokens = [];
    this.#glowUntil.clear();
  }

  start(): void {
    const tick = () => {
      this.draw();
      this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  stop(): void {
    cancelAnimationFrame(this.#frame);
  }

  draw(): void {
    const now = this.nowUs();
    // Tokens rest a moment at their destination, fading, so a paused step shows them.
    this.#tokens = this.#tokens.filter((t) => now - t.startUs < TRAVEL_US * 1.5);
    let used = 0;
    for (const token of this.#tokens) {
      const p = (now - token.startUs) / TRAVEL_US;
      if (p >= 1 && token.publishToClient) {
        this.#glowUntil.set(token.to, token.startUs + TRAVEL_US + GLOW_US);
        token.publishToClient = false;
      }
      const a = this.position(token.from);
      const b = this.position(token.to);
      if (p < 0 || !a || !b) continue;
      const q = Math.min(1, p);
      const g = this.#pool[used++];
      const [rect, text] = g.children as unknown as [SVGRectElement, SVGTextElement];
      if (text.textContent !== token.label) {
        text.textContent = token.label;
        const w = 14 + token.label.length * 9.6;
        rect.setAttribute("width", String(w));
        rect.setAttribute("x", String(-w / 2));
      }
      rect.setAttribute("fill", token.color);
      g.setAttribute("transform", `translate(${a.x + (b.x - a.x) * q},${a.y + (b.y - a.y) * q})`);
      g.style.opacity = p <= 1 ? "1" : String(Math.max(0, 1 - (p - 1) * 2));
      g.style.display = "";
    }
    for (let i = used; i < this.#pool.length; i++) this.#pool[i].style.display = "none";
    this.layer.setAttribute("data-tokens", String(used));
    for (const [id, until] of this.#glowUntil) {
      const lit = now < until && now >= until - GLOW_US;
      this.nodeEl(id)?.classList.toggle("glow", lit);
      if (now >= until) this.#glowUntil.delete(id);
    }
  }
}
