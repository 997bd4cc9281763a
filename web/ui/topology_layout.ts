/**
 * Where the topology's nodes sit: the broker in the middle, clients on an arc to each
 * side of it.
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
/** Beyond this many clients, nodes are drawn as dots on a full ring. */
export const COMPACT_NODES = 24;

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

/**
 * Places every node. By default boards go left and other clients right; `onRight` moves
 * a node (the lesson's subscribers) right, so "publisher → broker → subscriber" reads
 * left to right as in the textbook's figure.
 */
export function layoutNodes(
  ids: Iterable<string>,
  onRight: (id: string) => boolean = (id) => nodeKind(id) !== "board",
): NodePlace[] {
  const unique = [...new Set(ids)].filter((id) => id && id !== BROKER_NODE);
  const byKind = (a: string, b: string) =>
    nodeKind(a).localeCompare(nodeKind(b)) || a.localeCompare(b);
  const left = unique.filter((id) => !onRight(id)).sort(byKind);
  const right = unique.filter((id) => onRight(id)).sort(byKind);
  if (unique.length > COMPACT_NODES) {
    // A crowd goes all the way round: the right side's nodes clockwise from the top,
    // then the left side's, so the two groups still sit on their own halves.
    const ring = [...right, ...left];
    return [
      { id: BROKER_NODE, kind: "broker", label: "broker", ...CENTER },
      ...ring.map((id, i): NodePlace => {
        const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / ring.length;
        const colon = id.indexOf(":");
        return {
          id,
          kind: nodeKind(id),
          label: colon < 0 ? id : id.slice(colon + 1),
          x: CENTER.x + 420 * Math.cos(a),
          y: CENTER.y + 240 * Math.sin(a),
        };
      }),
    ];
  }
  return [
    { id: BROKER_NODE, kind: "broker", label: "broker", ...CENTER },
    ...arc(left, -1),
    ...arc(right, 1),
  ];
}
