/**
 * The dissector: for any frame, the tree of fields with their byte ranges, as Wireshark shows
 * them. Computed on demand from the bytes (the broker's hot path never pays for it). Leaf
 * fields cover every byte exactly once; bit fields (`bits: [hi, lo]`) split one byte among
 * siblings. A frame the walker cannot follow ends in an "unparsed" leaf; a frame that parses
 * but breaks a rule gets a zero-width "error" field whose note and spec say why.
 */
import {
  CONNECT_CLEAN,
  CONNECT_PASSWORD,
  CONNECT_RETURN_CODE_NAMES,
  CONNECT_USERNAME,
  CONNECT_WILL,
  CONNECT_WILL_QOS_MASK,
  CONNECT_WILL_QOS_SHIFT,
  CONNECT_WILL_RETAIN,
  PACKET_TYPE_NAMES,
  PUBLISH_QOS_MASK,
  PUBLISH_QOS_SHIFT,
  REQUIRED_FLAGS,
  SUB_QOS_MASK,
  SUB_RETAIN_HANDLING_MASK,
  SUB_RETAIN_HANDLING_SHIFT,
} from "./constants.ts";
import { decodeFrame } from "./decode.ts";
import { CodecError } from "./errors.ts";
import type { Field, PacketType, ProtocolLevel } from "./packet.ts";
import { PROPERTY_BY_ID, type PropertyDef } from "./properties.ts";
import { previewPayload, reasonName } from "./summary.ts";
import { utf8Display } from "./utf8.ts";
import { readVarint } from "./varint.ts";

/** Raised inside the walker when the bytes end or stop making sense. */
class Stop {
  constructor(readonly why: string) {}
}

function hex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

const bin = (n: number, width: number) => "0b" + n.toString(2).padStart(width, "0");

class Walker {
  pos = 0;
  /** The list fields are added to, and the dotted name prefix of its parent. */
  list: Field[];
  prefix = "";

  constructor(readonly b: Uint8Array, root: Field[]) {
    this.list = root;
  }

  need(n: number, what: string): void {
    if (this.pos + n > this.b.length) {
      throw new Stop(`${what}: needs ${n} bytes, ${this.b.length - this.pos} left`);
    }
  }

  leaf(name: string, label: string, len: number, extra: Partial<Field> = {}): Field {
    this.need(len, label);
    const f: Field = {
      name: this.prefix + name,
      label,
      start: this.pos,
      end: this.pos + len,
      ...extra,
    };
    this.list.push(f);
    this.pos += len;
    return f;
  }

  /** A bit field in the byte at `at`, which the caller advances past afterwards. */
  bits(
    at: number,
    name: string,
    label: string,
    hi: number,
    lo: number,
    extra: Partial<Field> = {},
  ): void {
    this.list.push({
      name: this.prefix + name,
      label,
      start: at,
      end: at + 1,
      bits: [hi, lo],
      ...extra,
    });
  }

  group(name: string, label: string, spec: string | undefined, body: (g: Field) => void): Field {
    const g: Field = {
      name: this.prefix + name,
      label,
      start: this.pos,
      end: this.pos,
      children: [],
    };
    if (spec !== undefined) g.spec = spec;
    this.list.push(g);
    const [list, prefix] = [this.list, this.prefix];
    this.list = g.children!;
    this.prefix = g.name + ".";
    try {
      body(g);
    } finally {
      g.end = this.pos;
      this.list = list;
      this.prefix = prefix;
    }
    return g;
  }

  u8(): number {
    this.need(1, "byte");
    return this.b[this.pos];
  }

  u16At(at: number): number {
    return (this.b[at] << 8) | this.b[at + 1];
  }

  varint(name: string, label: string, spec: string): number {
    const out = [0];
    const n = readVarint(this.b, this.pos, this.b.length, out);
    if (n <= 0) throw new Stop(`${label}: not a complete variable byte integer`);
    this.leaf(name, label, n, { value: out[0], spec, note: `${n}-byte variable byte integer` });
    return out[0];
  }

  /** A length-prefixed UTF-8 string as a group of two leaves. */
  string(name: string, label: string, spec: string): string {
    let value = "";
    this.group(name, label, spec, (g) => {
      this.need(2, `${label} length`);
      const len = this.u16At(this.pos);
      this.leaf("length", "Length", 2, { value: len });
      this.need(len, label);
      value = utf8Display(this.b.subarray(this.pos, this.pos + len));
      this.leaf("value", "Value", len, { value, note: len === 0 ? "empty" : undefined });
      g.value = value;
    });
    return value;
  }

  binary(name: string, label: string, spec: string): void {
    this.group(name, label, spec, (g) => {
      this.need(2, `${label} length`);
      const len = this.u16At(this.pos);
      this.leaf("length", "Length", 2, { value: len });
      this.need(len, label);
      const p = previewPayload(this.b.subarray(this.pos, this.pos + len), 256);
      this.leaf("value", "Value", len, { value: p.text, note: p.kind });
      g.value = p.text;
    });
  }

  packetId(): number {
    this.need(2, "packet identifier");
    const id = this.u16At(this.pos);
    this.leaf("packetId", "Packet Identifier", 2, { value: id, spec: "2.2.1" });
    return id;
  }

  reasonCode(): void {
    const code = this.u8();
    this.leaf("reasonCode", "Reason Code", 1, { value: code, note: reasonName(code), spec: "2.4" });
  }

  properties(label = "Properties", name = "properties"): void {
    this.group(name, label, "2.2.2", () => {
      const len = this.varint("length", "Property Length", "2.2.2.1");
      const end = this.pos + len;
      if (end > this.b.length) throw new Stop(`Property Length ${len} runs past the frame`);
      let i = 0;
      while (this.pos < end) {
        const id = this.u8();
        const def = PROPERTY_BY_ID.get(id);
        if (def === undefined) throw new Stop(`unknown property identifier 0x${id.toString(16)}`);
        this.property(def, i++, end);
      }
      if (this.pos !== end) throw new Stop("a property runs past the property length");
    });
  }

  property(def: PropertyDef, index: number, end: number): void {
    this.group(`${def.key}[${index}]`, def.label, def.spec, (g) => {
      this.leaf("id", "Identifier", 1, {
        value: def.id,
        note: `0x${def.id.toString(16).padStart(2, "0")}`,
      });
      const avail = end - this.pos;
      const fixed = (n: number, value: number, note?: string) => {
        if (n > avail) throw new Stop(`${def.label} runs past the property length`);
        this.leaf("value", "Value", n, { value, note });
        g.value = value;
      };
      switch (def.kind) {
        case "byte":
        case "bool":
          fixed(1, this.u8(), def.kind === "bool" ? (this.u8() ? "true" : "false") : undefined);
          break;
        case "u16":
          this.need(2, def.label);
          fixed(2, this.u16At(this.pos));
          break;
        case "u32":
          this.need(4, def.label);
          fixed(4, ((this.u16At(this.pos) << 16) | this.u16At(this.pos + 2)) >>> 0);
          break;
        case "varint":
          g.value = this.varint("value", "Value", def.spec);
          break;
        case "string":
          g.value = this.string("string", "String", def.spec);
          break;
        case "binary":
          this.binary("data", "Binary Data", def.spec);
          break;
        case "pair": {
          const k = this.string("name", "Name", def.spec);
          const v = this.string("pairValue", "Value", def.spec);
          g.value = [k, v];
          break;
        }
      }
      if (this.pos > end) throw new Stop(`${def.label} runs past the property length`);
    });
  }
}

const PACKET_SPEC: Record<PacketType, string> = {
  CONNECT: "3.1",
  CONNACK: "3.2",
  PUBLISH: "3.3",
  PUBACK: "3.4",
  PUBREC: "3.5",
  PUBREL: "3.6",
  PUBCOMP: "3.7",
  SUBSCRIBE: "3.8",
  SUBACK: "3.9",
  UNSUBSCRIBE: "3.10",
  UNSUBACK: "3.11",
  PINGREQ: "3.12",
  PINGRESP: "3.13",
  DISCONNECT: "3.14",
  AUTH: "3.15",
};

/**
 * The fields of `frame` (one complete frame, fixed header first) for protocol `level`
 * (a CONNECT's own level wins). Never throws.
 */
export function dissect(frame: Uint8Array, level: ProtocolLevel): Field[] {
  const root: Field[] = [];
  if (frame.length === 0) return root;
  const w = new Walker(frame, root);
  let type: PacketType | undefined;
  let stopped: string | undefined;
  try {
    type = fixedHeader(w);
    if (type !== undefined) level = body(w, type, level);
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    stopped = e.why;
  }
  if (w.pos < frame.length) {
    root.push({
      name: stopped === undefined ? "trailing" : "unparsed",
      label: stopped === undefined ? "Trailing bytes" : "Unparsed bytes",
      start: w.pos,
      end: frame.length,
      value: hex(frame.subarray(w.pos)),
      note: stopped ?? "bytes after the end of the packet",
    });
  }
  // the rules the walker does not check: report the decoder's verdict
  if (type !== undefined && stopped === undefined) {
    try {
      decodeFrame(frame, level);
    } catch (e) {
      if (!(e instanceof CodecError)) throw e;
      root.push({
        name: "error",
        label: "Malformed packet",
        start: frame.length,
        end: frame.length,
        value: e.reasonCode,
        note: e.message,
        spec: e.rule,
      });
    }
  }
  return root;
}

function fixedHeader(w: Walker): PacketType | undefined {
  const first = w.b[0];
  const code = first >>> 4;
  const type = PACKET_TYPE_NAMES[code];
  const flags = first & 0x0f;
  w.group("fixedHeader", "Fixed Header", "2.1", () => {
    w.bits(0, "packetType", "Packet Type", 7, 4, {
      value: type ?? code,
      note: `${code} = ${type ?? "reserved"}`,
      spec: "2.1.2",
    });
    if (type === "PUBLISH") {
      const qos = (first & PUBLISH_QOS_MASK) >>> PUBLISH_QOS_SHIFT;
      w.bits(0, "dup", "DUP", 3, 3, {
        value: (flags & 8) !== 0,
        note: "re-delivery",
        spec: "3.3.1.1",
      });
      w.bits(0, "qos", "QoS", 2, 1, {
        value: qos,
        note: qos === 3 ? "invalid" : undefined,
        spec: "3.3.1.2",
      });
      w.bits(0, "retain", "RETAIN", 0, 0, { value: (flags & 1) !== 0, spec: "3.3.1.3" });
    } else {
      const required = REQUIRED_FLAGS[code] ?? 0;
      w.bits(0, "flags", "Reserved flags", 3, 0, {
        value: bin(flags, 4),
        note: flags === required ? "reserved" : `must be ${bin(required, 4)}`,
        spec: "2.1.3",
      });
    }
    w.pos = 1;
    w.varint("remainingLength", "Remaining Length", "2.1.4");
  });
  return type;
}

/** Walks variable header and payload; returns the level used. */
function body(w: Walker, type: PacketType, level: ProtocolLevel): ProtocolLevel {
  const v5 = () => level === 5;
  switch (type) {
    case "CONNECT": {
      let flags = 0;
      w.group("variableHeader", "Variable Header", "3.1.2", () => {
        w.string("protocolName", "Protocol Name", "3.1.2.1");
        const lv = w.u8();
        w.leaf("protocolLevel", "Protocol Level", 1, {
          value: lv,
          note: lv === 3 ? "MQTT 3.1" : lv === 4 ? "MQTT 3.1.1" : lv === 5 ? "MQTT 5.0" : "unknown",
          spec: "3.1.2.2",
        });
        if (lv === 3 || lv === 4 || lv === 5) level = lv;
        flags = w.u8();
        w.group("connectFlags", "Connect Flags", "3.1.2.3", (g) => {
          g.value = bin(flags, 8);
          const at = w.pos;
          w.bits(at, "username", "User Name Flag", 7, 7, {
            value: (flags & CONNECT_USERNAME) !== 0,
            spec: "3.1.2.8",
          });
          w.bits(at, "password", "Password Flag", 6, 6, {
            value: (flags & CONNECT_PASSWORD) !== 0,
            spec: "3.1.2.9",
          });
          w.bits(at, "willRetain", "Will Retain", 5, 5, {
            value: (flags & CONNECT_WILL_RETAIN) !== 0,
            spec: "3.1.2.7",
          });
          w.bits(at, "willQos", "Will QoS", 4, 3, {
            value: (flags & CONNECT_WILL_QOS_MASK) >>> CONNECT_WILL_QOS_SHIFT,
            spec: "3.1.2.6",
          });
          w.bits(at, "will", "Will Flag", 2, 2, {
            value: (flags & CONNECT_WILL) !== 0,
            spec: "3.1.2.5",
          });
          w.bits(at, "cleanStart", level === 5 ? "Clean Start" : "Clean Session", 1, 1, {
            value: (flags & CONNECT_CLEAN) !== 0,
            spec: "3.1.2.4",
          });
          w.bits(at, "reserved", "Reserved", 0, 0, {
            value: flags & 1,
            note: "must be 0",
            spec: "MQTT-3.1.2-3",
          });
          w.pos++;
        });
        w.need(2, "Keep Alive");
        const ka = w.u16At(w.pos);
        w.leaf("keepalive", "Keep Alive", 2, {
          value: ka,
          note: ka === 0 ? "0 = off" : `${ka} s`,
          spec: "3.1.2.10",
        });
        if (v5()) w.properties();
      });
      w.group("payload", "Payload", "3.1.3", () => {
        w.string("clientId", "Client Identifier", "3.1.3.1");
        if (flags & CONNECT_WILL) {
          if (v5()) w.properties("Will Properties", "willProperties");
          w.string("willTopic", "Will Topic", "3.1.3.3");
          w.binary("willPayload", "Will Payload", "3.1.3.4");
        }
        if (flags & CONNECT_USERNAME) w.string("username", "User Name", "3.1.3.5");
        if (flags & CONNECT_PASSWORD) w.binary("password", "Password", "3.1.3.6");
      });
      return level;
    }
    case "CONNACK":
      w.group("variableHeader", "Variable Header", "3.2.2", () => {
        const ack = w.u8();
        w.group("ackFlags", "Connect Acknowledge Flags", "3.2.2.1", (g) => {
          g.value = bin(ack, 8);
          w.bits(w.pos, "reserved", "Reserved", 7, 1, {
            value: bin(ack >>> 1, 7),
            note: "must be 0",
            spec: "MQTT-3.2.2-1",
          });
          w.bits(w.pos, "sessionPresent", "Session Present", 0, 0, {
            value: (ack & 1) !== 0,
            spec: "3.2.2.1.1",
          });
          w.pos++;
        });
        const code = w.u8();
        if (v5()) {
          w.leaf("reasonCode", "Reason Code", 1, {
            value: code,
            note: reasonName(code),
            spec: "3.2.2.2",
          });
          w.properties();
        } else {
          w.leaf("returnCode", "Connect Return Code", 1, {
            value: code,
            note: CONNECT_RETURN_CODE_NAMES[code] ?? "reserved",
            spec: "3.2.2.3",
          });
        }
      });
      return level;
    case "PUBLISH": {
      const qos = (w.b[0] & PUBLISH_QOS_MASK) >>> PUBLISH_QOS_SHIFT;
      w.group("variableHeader", "Variable Header", "3.3.2", () => {
        w.string("topic", "Topic Name", "3.3.2.1");
        if (qos > 0) w.packetId();
        if (v5()) w.properties();
      });
      const p = previewPayload(w.b.subarray(w.pos), 256);
      w.leaf("payload", "Payload", w.b.length - w.pos, {
        value: p.text,
        note: `${w.b.length - w.pos} B, ${p.kind}`,
        spec: "3.3.3",
      });
      return level;
    }
    case "PUBACK":
    case "PUBREC":
    case "PUBREL":
    case "PUBCOMP":
      w.group("variableHeader", "Variable Header", `${PACKET_SPEC[type]}.2`, () => {
        w.packetId();
        if (v5() && w.pos < w.b.length) {
          w.reasonCode();
          if (w.pos < w.b.length) w.properties();
        }
      });
      return level;
    case "SUBSCRIBE":
    case "UNSUBSCRIBE":
      w.group("variableHeader", "Variable Header", `${PACKET_SPEC[type]}.2`, () => {
        w.packetId();
        if (v5()) w.properties();
      });
      w.group("payload", "Payload", `${PACKET_SPEC[type]}.3`, () => {
        let i = 0;
        while (w.pos < w.b.length) {
          if (type === "UNSUBSCRIBE") {
            w.string(`topicFilter[${i++}]`, "Topic Filter", "3.10.3");
            continue;
          }
          w.group(`subscription[${i++}]`, "Subscription", "3.8.3", (g) => {
            g.value = w.string("topicFilter", "Topic Filter", "3.8.3");
            const o = w.u8();
            w.group("options", "Subscription Options", "3.8.3.1", (og) => {
              og.value = bin(o, 8);
              const at = w.pos;
              if (v5()) {
                w.bits(at, "reserved", "Reserved", 7, 6, {
                  value: o >>> 6,
                  note: "must be 0",
                  spec: "MQTT-3.8.3-5",
                });
                w.bits(at, "retainHandling", "Retain Handling", 5, 4, {
                  value: (o & SUB_RETAIN_HANDLING_MASK) >>> SUB_RETAIN_HANDLING_SHIFT,
                });
                w.bits(at, "retainAsPublished", "Retain As Published", 3, 3, {
                  value: (o & 8) !== 0,
                });
                w.bits(at, "noLocal", "No Local", 2, 2, { value: (o & 4) !== 0 });
              } else {
                w.bits(at, "reserved", "Reserved", 7, 2, {
                  value: o >>> 2,
                  note: "must be 0",
                  spec: "MQTT-3-8.3-4",
                });
              }
              w.bits(at, "qos", "Maximum QoS", 1, 0, { value: o & SUB_QOS_MASK });
              w.pos++;
            });
          });
        }
      });
      return level;
    case "SUBACK":
    case "UNSUBACK":
      w.group("variableHeader", "Variable Header", `${PACKET_SPEC[type]}.2`, () => {
        w.packetId();
        if (v5()) w.properties();
      });
      if (w.pos < w.b.length) {
        w.group("payload", "Payload", `${PACKET_SPEC[type]}.3`, () => {
          let i = 0;
          while (w.pos < w.b.length) {
            const c = w.u8();
            const note = !v5() && c <= 2
              ? `granted QoS ${c}`
              : !v5() && c === 0x80
              ? "failure"
              : reasonName(c);
            w.leaf(`reasonCode[${i++}]`, v5() ? "Reason Code" : "Return Code", 1, {
              value: c,
              note,
            });
          }
        });
      }
      return level;
    case "PINGREQ":
    case "PINGRESP":
      return level;
    case "DISCONNECT":
    case "AUTH":
      if (v5() && w.pos < w.b.length) {
        w.group("variableHeader", "Variable Header", `${PACKET_SPEC[type]}.2`, () => {
          w.reasonCode();
          if (w.pos < w.b.length) w.properties();
        });
      }
      return level;
  }
}
