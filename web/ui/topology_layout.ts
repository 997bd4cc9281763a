/**
 * Where the topology's nodes sit: the broker in the middle, boards on an arc to its
 * left, phones and other clients on an arc to its right (publishers and subscribers
 * are both clients; the side only says what kind of thing it is).
 */
import { BROKER_NODE } from "../protocol.ts";

export type NodeKind = "broker" | "board" | "phone" | "client";

export interface NodePlace {
  id: string;
  kind: NodeKind;
  label: string;
  x: number;
  y: number;
}

export const VIEW_W = 1000;
export const VIEW_H = 560;
export const CENTER = { x: VIEW_W / 2, y: VIEW_H / 2 };

/** Client ids the phone app uses (web/ui/phone_model.ts) draw as a phone. */
export const PHONE_PREFIX = "iot-onoff";

export function nodeKind(id: string): NodeKind {
  if (id === BROKER_NODE) return "broker";
  if (id.startsWith("board:")) return "board";
  if (id.startsWith(`client:${PHONE_PREFIX}`)) return "phone";
  return "client";
}

function arc(ids: string[], side: -1 | 1): NodePlace[] {
  const n = ids.length;
  // Spread over up to 150 degrees of an ellipse; one node sits level with the broker.
  const span = Math.min(150, 70 * (n - 1)) * (Math.PI / 180);
  return ids.map((id, i) => {
    const a = n === 1 ? 0 : -span / 2 + (span * i) / (n - 1);
    const colon = id.indexOf(":");
    return {
      id,
      kind: nodeKind(id),
      label: colon < 0 ? id : id.slice(colon + 1),
      x: CENTER.x + side * 380 * Math.cos(a),
      y: CENTER.y + 240 * Math.sin(a),
    };
  });
}

/** Places every node; more than ~24 nodes on a side get small but stay on screen. */
export function layoutNodes(ids: Iterable<string>): NodePlace[] {
  const unique = [...new Set(ids)].filter((id) => id && id !== BROKER_NODE);
  const boards = unique.filter((id) => nodeKind(id) === "board").sort();
  const others = unique.filter((id) => nodeKind(id) !== "board").sort();
  return [
    { id: BROKER_NODE, kind: "broker", label: "broker", ...CENTER },
    ...arc(boards, -1),
    ...arc(others, 1),
  ];
}
