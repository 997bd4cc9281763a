/** One-line summaries of packets and previews of payloads, for the inspector and logs. */
import { CONNECT_RETURN_CODE_NAMES, REASON_CODE_NAMES } from "./constants.ts";
import type { Packet } from "./packet.ts";
import { utf8Strict } from "./utf8.ts";

export interface PayloadPreview {
  kind: "text" | "json" | "hex";
  text: string;
}

/** Printable text: no control characters other than tab, line feed and carriage return. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function hex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) s += " ";
    s += bytes[i].toString(16).padStart(2, "0");
  }
  return s;
}

/**
 * How a payload reads: JSON (when it parses as an object or array), text (valid UTF-8 without
 * control characters), else hex. At most `maxBytes` bytes are shown; more ends in "…".
 */
export function previewPayload(bytes: Uint8Array, maxBytes = 1024): PayloadPreview {
  const cut = bytes.length > maxBytes;
  const more = cut ? "…" : "";
  let text = utf8Strict(cut ? bytes.subarray(0, maxBytes) : bytes);
  // a cut may split a UTF-8 sequence (up to 3 bytes): step back to a character boundary
  for (let k = 1; text === undefined && cut && k <= 3 && k < maxBytes; k++) {
    text = utf8Strict(bytes.subarray(0, maxBytes - k));
  }
  if (text === undefined || CONTROL.test(text)) {
    return { kind: "hex", text: hex(cut ? bytes.subarray(0, maxBytes) : bytes) + more };
  }
  const t = text.trim();
  if (!cut && ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]")))) {
    try {
      JSON.parse(t);
      return { kind: "json", text };
    } catch {
      // not JSON after all: plain text
    }
  }
  return { kind: "text", text: text + more };
}

/** The name of a reason code, or its hex value. */
export function reasonName(code: number): string {
  return REASON_CODE_NAMES[code] ?? `0x${code.toString(16).padStart(2, "0")}`;
}

/** CONNACK: v3/v4 return codes are 0..5; v5 reason codes are 0x00 or >= 0x80. */
function connackName(code: number): string {
  return code > 0 && code < 0x80
    ? (CONNECT_RETURN_CODE_NAMES[code] ?? `return code ${code}`)
    : code === 0
    ? "accepted"
    : reasonName(code);
}

function payloadShort(bytes: Uint8Array): string {
  const p = previewPayload(bytes, 40);
  const body = p.kind === "hex" ? `<${p.text}>` : JSON.stringify(p.text.replace(/…$/, "")) +
    (p.text.endsWith("…") ? "…" : "");
  return `${body} (${bytes.length} B)`;
}

function rc(code: number | undefined): string {
  return code === undefined || code === 0 ? "" : ` ${reasonName(code)}`;
}

const LEVEL_NAMES: Record<number, string> = { 3: "3.1", 4: "3.1.1", 5: "5.0" };

/** One line, e.g. `PUBLISH qos0 /public/pz_esp32/1 "Hello PRECHIN" (13 B)`. */
export function summarize(packet: Packet): string {
  switch (packet.type) {
    case "CONNECT": {
      const parts = [
        `CONNECT MQTT ${LEVEL_NAMES[packet.protocolLevel] ?? packet.protocolLevel}`,
        `client ${JSON.stringify(packet.clientId)}`,
        packet.cleanStart ? "clean" : "resume",
        `keepalive ${packet.keepaliveS}s`,
      ];
      if (packet.username !== undefined) parts.push(`user ${JSON.stringify(packet.username)}`);
      if (packet.password !== undefined) parts.push("password ***");
      if (packet.will !== undefined) {
        parts.push(
          `will qos${packet.will.qos} ${packet.will.topic}${packet.will.retain ? " retain" : ""}`,
        );
      }
      return parts.join(" ");
    }
    case "CONNACK":
      return `CONNACK ${connackName(packet.reasonCode)}${
        packet.sessionPresent ? " session present" : ""
      }`;
    case "PUBLISH": {
      const flags = (packet.dup ? " dup" : "") + (packet.retain ? " retain" : "");
      const id = packet.packetId !== undefined ? ` id ${packet.packetId}` : "";
      const alias = packet.properties?.topicAlias !== undefined
        ? ` alias ${packet.properties.topicAlias}`
        : "";
      const topic = packet.topic === "" ? "(alias)" : packet.topic;
      return `PUBLISH qos${packet.qos}${flags}${id} ${topic}${alias} ${
        payloadShort(packet.payload)
      }`;
    }
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP":
      return `${packet.type} id ${packet.packetId}${rc(packet.reasonCode)}`;
    case "SUBSCRIBE":
      return `SUBSCRIBE id ${packet.packetId} ` +
        packet.subscriptions.map((s) => `${s.topicFilter} qos${s.qos}`).join(", ");
    case "SUBACK":
      return `SUBACK id ${packet.packetId} [${
        packet.reasonCodes.map((c) => c <= 2 ? `qos${c}` : reasonName(c)).join(", ")
      }]`;
    case "UNSUBSCRIBE":
      return `UNSUBSCRIBE id ${packet.packetId} ${packet.topicFilters.join(", ")}`;
    case "UNSUBACK":
      return `UNSUBACK id ${packet.packetId}` +
        (packet.reasonCodes ? ` [${packet.reasonCodes.map(reasonName).join(", ")}]` : "");
    case "PINGREQ":
    case "PINGRESP":
      return packet.type;
    case "DISCONNECT":
    case "AUTH":
      return `${packet.type}${rc(packet.reasonCode)}`;
  }
}
