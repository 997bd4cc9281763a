/**
 * One colour per packet type, used everywhere a packet is drawn (list, tokens,
 * hex header, legend), so a class learns "orange = PUBLISH" once.
 * Chosen for a dark background and a washed-out projector: saturated, distinct hues.
 */
import type { PacketType } from "../protocol.ts";

export const PACKET_COLORS: Record<PacketType, string> = {
  CONNECT: "#60a5fa",
  CONNACK: "#93c5fd",
  PUBLISH: "#fb923c",
  PUBACK: "#fcd34d",
  PUBREC: "#fde047",
  PUBREL: "#facc15",
  PUBCOMP: "#eab308",
  SUBSCRIBE: "#a78bfa",
  SUBACK: "#c4b5fd",
  UNSUBSCRIBE: "#f472b6",
  UNSUBACK: "#f9a8d4",
  PINGREQ: "#94a3b8",
  PINGRESP: "#cbd5e1",
  DISCONNECT: "#f87171",
  AUTH: "#2dd4bf",
};

export const PACKET_TYPES = Object.keys(PACKET_COLORS) as PacketType[];

export function packetColor(type: string): string {
  return PACKET_COLORS[type as PacketType] ?? "#e2e8f0";
}
