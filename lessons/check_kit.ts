/**
 * Small helpers the lessons' checks are written with: find packets by type, direction,
 * client and topic; read console lines and pin changes; say pass or fail in both languages.
 */
import type { PacketType } from "../broker/codec/mod.ts";
import type { Bilingual, Check, CheckResult, LessonLog, WorldPacket } from "./log.ts";

export function pass(message: Bilingual, seq?: number): CheckResult {
  return seq === undefined ? { ok: true, message } : { ok: true, message, seq };
}

export function fail(message: Bilingual, seq?: number): CheckResult {
  return seq === undefined ? { ok: false, message } : { ok: false, message, seq };
}

/** Points "show me" at a board (for checks about its LED, console or WiFi). */
export function onBoard(result: CheckResult, board: string): CheckResult {
  return result.seq === undefined ? { ...result, board } : result;
}

/** The check, with "show me" pointing at the board when the result names no packet. */
export function aboutBoard(check: Check, board: string): Check {
  return (log) => onBoard(check(log), board);
}

export interface PacketQuery {
  type?: PacketType;
  /** Sent by this board / address, or "broker". */
  from?: string;
  /** Sent to this board / address, or "broker". */
  to?: string;
  clientId?: string;
  /** PUBLISH topic (exact). */
  topic?: string;
  /** PUBLISH payload as UTF-8 text (exact). */
  payload?: string;
  /** Only packets at or after this time. */
  afterUs?: number;
}

const decoder = new TextDecoder();

export function topicOf(p: WorldPacket): string | undefined {
  return p.packet.type === "PUBLISH" ? p.packet.topic : undefined;
}

export function payloadText(p: WorldPacket): string | undefined {
  return p.packet.type === "PUBLISH" ? decoder.decode(p.packet.payload) : undefined;
}

export function findPackets(log: LessonLog, q: PacketQuery): WorldPacket[] {
  return log.packets.filter((p) =>
    (q.type === undefined || p.packet.type === q.type) &&
    (q.from === undefined || p.from === q.from) &&
    (q.to === undefined || p.to === q.to) &&
    (q.clientId === undefined || p.clientId === q.clientId) &&
    (q.topic === undefined || topicOf(p) === q.topic) &&
    (q.payload === undefined || payloadText(p) === q.payload) &&
    (q.afterUs === undefined || p.atUs >= q.afterUs)
  );
}

export function firstPacket(log: LessonLog, q: PacketQuery): WorldPacket | undefined {
  return findPackets(log, q)[0];
}

/** The CONNACK answering a board's (or client id's) CONNECT, the last one if several. */
export function connacks(log: LessonLog, board: string): WorldPacket[] {
  return findPackets(log, { type: "CONNACK", from: "broker", to: board });
}

export function connackCode(p: WorldPacket): number | undefined {
  return p.packet.type === "CONNACK" ? p.packet.reasonCode : undefined;
}

export interface ConsoleLine {
  atUs: number;
  board: string;
  text: string;
}

export function consoleLines(log: LessonLog, board?: string): ConsoleLine[] {
  const lines: ConsoleLine[] = [];
  for (const ev of log.events) {
    if (ev.kind === "console" && (board === undefined || ev.board === board)) {
      lines.push({ atUs: ev.atUs, board: ev.board, text: ev.text });
    }
  }
  return lines;
}

export interface PinChange {
  atUs: number;
  level: 0 | 1;
}

export function pinChanges(log: LessonLog, board: string, pin: number): PinChange[] {
  const out: PinChange[] = [];
  for (const ev of log.events) {
    if (ev.kind === "pin" && ev.board === board && ev.pin === pin) {
      out.push({ atUs: ev.atUs, level: ev.level });
    }
  }
  return out;
}

/** The WiFi status codes a board's station went through, in order, without repeats. */
export function wifiStatuses(log: LessonLog, board: string): { atUs: number; status: number }[] {
  const out: { atUs: number; status: number }[] = [];
  for (const ev of log.events) {
    if (ev.kind !== "wifi" || ev.board !== board || ev.iface !== "sta") continue;
    if (out.at(-1)?.status !== ev.status) out.push({ atUs: ev.atUs, status: ev.status });
  }
  return out;
}

/** When a board was powered on or reset, with the reason ("power-on", "soft-reset", ...). */
export function boots(log: LessonLog, board: string): { atUs: number; reason: string }[] {
  const out: { atUs: number; reason: string }[] = [];
  for (const ev of log.events) {
    if (ev.kind === "power" && ev.board === board && ev.state === "on") {
      out.push({ atUs: ev.atUs, reason: ev.reason });
    }
  }
  return out;
}

/** Milliseconds with at most one decimal, for messages. */
export function ms(us: number): string {
  return String(Math.round(us / 100) / 10);
}

/** The fixed header's length: 1 type/flags byte + 1..4 remaining-length bytes. */
export function fixedHeaderLength(bytes: Uint8Array): number {
  let i = 1;
  while (i < bytes.length && i <= 4 && (bytes[i] & 0x80) !== 0) i++;
  return i + 1;
}

export function hex(bytes: Uint8Array, max = 24): string {
  const shown = Array.from(bytes.slice(0, max), (b) => b.toString(16).padStart(2, "0"));
  return shown.join(" ") + (bytes.length > max ? " …" : "");
}

/** The last error a board printed ("NameError: name 'connect' isn't defined"), if any. */
export function lastError(log: LessonLog, board: string): string | undefined {
  const lines = consoleLines(log, board).map((l) => l.text);
  const start = lines.findLastIndex((t) => t.startsWith("Traceback"));
  if (start < 0) return undefined;
  // MicroPython prints `  File "main.py", line 33, in <module>` lines before the error.
  return lines.slice(start + 1).find((t) => !/^\s/.test(t));
}

/** " (board console: NameError ...)" to add to a failure message, or "". */
function errorHint(log: LessonLog, board: string): Bilingual {
  const err = lastError(log, board);
  return err
    ? { zh: `（${board} 的控制台报错：${err}）`, en: ` (${board}'s console says: ${err})` }
    : { zh: "", en: "" };
}

const CONNACK_NAMES: Record<number, Bilingual> = {
  1: { zh: "协议版本不支持", en: "unacceptable protocol version" },
  2: { zh: "客户端 ID 不合格", en: "identifier rejected" },
  3: { zh: "服务器不可用", en: "server unavailable" },
  4: { zh: "用户名或密码错误", en: "bad user name or password" },
  5: { zh: "未授权", en: "not authorized" },
};

export function connackName(code: number): Bilingual {
  return CONNACK_NAMES[code] ?? { zh: `返回码 ${code}`, en: `code ${code}` };
}

/** The broker accepted the board's CONNECT (CONNACK return code 0). */
export function expectConnected(board: string): Check {
  return (log) => {
    const acks = connacks(log, board);
    const good = acks.find((p) => connackCode(p) === 0);
    if (good) {
      return pass({
        zh: `服务器接受了 ${board} 的连接（CONNACK 返回码 0）`,
        en: `The broker accepted ${board} (CONNACK return code 0)`,
      }, good.seq);
    }
    const bad = acks.at(-1);
    if (bad) {
      const name = connackName(connackCode(bad) ?? -1);
      return fail({
        zh: `服务器拒绝了 ${board}：CONNACK 返回码 ${connackCode(bad)}（${name.zh}）`,
        en: `The broker refused ${board}: CONNACK return code ${connackCode(bad)} (${name.en})`,
      }, bad.seq);
    }
    const hint = errorHint(log, board);
    return fail({
      zh: `还没有看到 ${board} 发出 CONNECT 并得到 CONNACK${hint.zh}`,
      en: `No CONNECT from ${board} answered by a CONNACK yet${hint.en}`,
    });
  };
}

/** ` “Hello PRECHIN”` / ` "Hello PRECHIN"`, or nothing without a payload. */
function quoted(payload: string | undefined): Bilingual {
  return payload === undefined ? { zh: "", en: "" } : { zh: `“${payload}”`, en: ` "${payload}"` };
}

/** The board sent a PUBLISH to the topic (with this payload, if given). */
export function expectPublish(from: string, topic: string, payload?: string): Check {
  return (log) => {
    const p = firstPacket(log, { type: "PUBLISH", from, to: "broker", topic, payload });
    const what = quoted(payload);
    if (p) {
      return pass({
        zh: `${from} 向主题 ${topic} 发布了消息${what.zh}`,
        en: `${from} published${what.en} to ${topic}`,
      }, p.seq);
    }
    const other = firstPacket(log, { type: "PUBLISH", from, to: "broker" });
    const seen = other
      ? {
        zh: `（它发到了 ${topicOf(other)}：“${payloadText(other)}”）`,
        en: ` (it published "${payloadText(other)}" to ${topicOf(other)})`,
      }
      : errorHint(log, from);
    return fail({
      zh: `还没有看到 ${from} 发往 ${topic} 的 PUBLISH${what.zh && `（消息${what.zh}）`}${seen.zh}`,
      en: `No PUBLISH${what.en} from ${from} to ${topic} yet${seen.en}`,
    }, other?.seq);
  };
}

/** The broker passed a message on the topic to the board. */
export function expectDelivered(to: string, topic: string, payload?: string): Check {
  return (log) => {
    const p = firstPacket(log, { type: "PUBLISH", from: "broker", to, topic, payload });
    const what = quoted(payload);
    if (p) {
      return pass({
        zh: `服务器把 ${topic} 上的消息${what.zh}转发给了 ${to}`,
        en: `The broker forwarded${what.en} on ${topic} to ${to}`,
      }, p.seq);
    }
    const subs = findPackets(log, { type: "SUBSCRIBE", from: to, to: "broker" });
    const filters = subs.flatMap((s) =>
      s.packet.type === "SUBSCRIBE" ? s.packet.subscriptions.map((x) => x.topicFilter) : []
    );
    const why = filters.length > 0
      ? {
        zh: `（${to} 订阅的是 ${filters.join("、")}）`,
        en: ` (${to} subscribed to ${filters.join(", ")})`,
      }
      : { zh: `（${to} 还没有订阅任何主题）`, en: ` (${to} has not subscribed to anything)` };
    return fail({
      zh: `服务器还没有把 ${topic} 上的消息${what.zh}转发给 ${to}${why.zh}`,
      en: `The broker has not forwarded${what.en} on ${topic} to ${to} yet${why.en}`,
    }, subs[0]?.seq);
  };
}

/** The board subscribed to exactly this filter and the broker granted it. */
export function expectSubscribed(board: string, filter: string): Check {
  return (log) => {
    const subs = findPackets(log, { type: "SUBSCRIBE", from: board, to: "broker" });
    const sub = subs.find((s) =>
      s.packet.type === "SUBSCRIBE" && s.packet.subscriptions.some((x) => x.topicFilter === filter)
    );
    if (!sub) {
      const asked = subs.flatMap((s) =>
        s.packet.type === "SUBSCRIBE" ? s.packet.subscriptions.map((x) => x.topicFilter) : []
      );
      const also = asked.length > 0
        ? {
          zh: `（它订阅的是 ${asked.join("、")}）`,
          en: ` (it subscribed to ${asked.join(", ")})`,
        }
        : errorHint(log, board);
      return fail({
        zh: `还没有看到 ${board} 订阅主题 ${filter} 的 SUBSCRIBE${also.zh}`,
        en: `No SUBSCRIBE from ${board} to ${filter} yet${also.en}`,
      }, subs[0]?.seq);
    }
    const id = sub.packet.type === "SUBSCRIBE" ? sub.packet.packetId : -1;
    const ack = log.packets.find((p) =>
      p.from === "broker" && p.to === board && p.packet.type === "SUBACK" &&
      p.packet.packetId === id
    );
    if (!ack || ack.packet.type !== "SUBACK") {
      return fail({
        zh: `${board} 订阅了 ${filter}，但还没有收到 SUBACK`,
        en: `${board} subscribed to ${filter} but no SUBACK came back yet`,
      }, sub.seq);
    }
    const code = ack.packet.reasonCodes[0];
    if (code >= 0x80) {
      return fail({
        zh: `服务器拒绝了 ${board} 对 ${filter} 的订阅（SUBACK 0x${code.toString(16)}）`,
        en: `The broker refused ${board}'s subscription to ${filter} (SUBACK 0x${
          code.toString(16)
        })`,
      }, ack.seq);
    }
    return pass({
      zh: `${board} 订阅了 ${filter}，服务器用 SUBACK 确认（QoS ${code}）`,
      en: `${board} subscribed to ${filter} and the broker confirmed with SUBACK (QoS ${code})`,
    }, ack.seq);
  };
}

/** The board printed a line containing `text`. */
export function expectConsole(board: string, text: string): Check {
  return (log) => onBoard(consoleCheck(log, board, text), board);
}

function consoleCheck(log: LessonLog, board: string, text: string): CheckResult {
  const line = consoleLines(log, board).find((l) => l.text.includes(text));
  if (line) {
    return pass({
      zh: `${board} 的控制台打印了：${line.text}`,
      en: `${board}'s console printed: ${line.text}`,
    });
  }
  const hint = errorHint(log, board);
  return fail({
    zh: `${board} 的控制台还没有打印 “${text}”${hint.zh}`,
    en: `${board}'s console has not printed "${text}" yet${hint.en}`,
  });
}
