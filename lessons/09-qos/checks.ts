/** Lesson 09: the QoS 0, 1 and 2 exchanges, and what a dropped link costs each. */
import {
  aboutBoard,
  consoleLines,
  fail,
  findPackets,
  firstPacket,
  lastError,
  pass,
  payloadText,
  wifiStatuses,
} from "../check_kit.ts";
import type { Check, CheckTable, LessonLog, WorldPacket } from "../log.ts";

const TOPIC = "lab/qos";
const STAT_GOT_IP = 1010;

function packetId(p: WorldPacket | undefined): number | undefined {
  return p && "packetId" in p.packet ? p.packet.packetId : undefined;
}

const qos0: Check = (log) => {
  const p = findPackets(log, { type: "PUBLISH", from: "sender", to: "broker", topic: TOPIC })
    .find((x) => x.packet.type === "PUBLISH" && x.packet.qos === 0);
  return p
    ? pass({
      zh: `QoS 0 的 PUBLISH “${payloadText(p)}” 没有报文标识符，服务器也不回确认：发出去就不管了`,
      en: `The QoS 0 PUBLISH "${
        payloadText(p)
      }" has no packet id and gets no acknowledgement: fire and forget`,
    }, p.seq)
    : fail({ zh: "还没有看到 sender 的 QoS 0 PUBLISH", en: "No QoS 0 PUBLISH from sender yet" });
};

const qos1: Check = (log) => {
  const p = findPackets(log, { type: "PUBLISH", from: "sender", to: "broker", topic: TOPIC })
    .find((x) => x.packet.type === "PUBLISH" && x.packet.qos === 1);
  if (!p) {
    return fail({
      zh: "还没有看到 sender 的 QoS 1 PUBLISH",
      en: "No QoS 1 PUBLISH from sender yet",
    });
  }
  const id = packetId(p);
  const ack = findPackets(log, { type: "PUBACK", from: "broker", to: "sender", afterUs: p.atUs })
    .find((a) => packetId(a) === id);
  return ack
    ? pass({
      zh: `QoS 1：PUBLISH（报文标识符 ${id}）→ 服务器回 PUBACK（${id}），publish() 等到它才返回`,
      en:
        `QoS 1: PUBLISH (packet id ${id}) -> the broker's PUBACK (${id}); publish() returns only then`,
    }, ack.seq)
    : fail({
      zh: `sender 的 QoS 1 PUBLISH（${id}）还没有等到 PUBACK`,
      en: `sender's QoS 1 PUBLISH (${id}) has no PUBACK yet`,
    }, p.seq);
};

/** The QoS 2 exchange of one PUBLISH: PUBREC, PUBREL, PUBCOMP with its packet id. */
function handshake(log: LessonLog, publish: WorldPacket): WorldPacket[] {
  const client = publish.from;
  const id = packetId(publish);
  const chain = [publish];
  const steps: [WorldPacket["packet"]["type"], string, string][] = [
    ["PUBREC", "broker", client],
    ["PUBREL", client, "broker"],
    ["PUBCOMP", "broker", client],
  ];
  for (const [type, from, to] of steps) {
    const next = findPackets(log, { type, from, to, afterUs: chain.at(-1)!.atUs })
      .find((p) => packetId(p) === id);
    if (!next) break;
    chain.push(next);
  }
  return chain;
}

/** Any client's QoS 2 PUBLISH (mqttx here; the client panel in the live world). */
const qos2Handshake: Check = (log) => {
  const publishes = findPackets(log, { type: "PUBLISH", to: "broker" })
    .filter((p) => p.packet.type === "PUBLISH" && p.packet.qos === 2);
  const chains = publishes.map((p) => handshake(log, p));
  const whole = chains.find((c) => c.length === 4);
  if (whole) {
    return pass({
      zh: `${whole[0].from} 的 QoS 2 四次握手：PUBLISH → PUBREC → PUBREL → PUBCOMP，消息只送达一次`,
      en: `${
        whole[0].from
      }'s QoS 2 handshake: PUBLISH -> PUBREC -> PUBREL -> PUBCOMP, delivered exactly once`,
    }, whole[3].seq);
  }
  const longest = chains.sort((a, b) => b.length - a.length)[0];
  if (!longest) {
    return fail({
      zh: "还没有看到 QoS 2 的 PUBLISH：在客户端面板里选 QoS 2 发一条",
      en: "No QoS 2 PUBLISH yet: send one from the client panel with QoS 2",
    });
  }
  const missing = ["PUBREC", "PUBREL", "PUBCOMP"][longest.length - 1];
  return fail({
    zh: `${longest[0].from} 的 QoS 2 握手停在了 ${longest.at(-1)!.packet.type}：还没有 ${missing}`,
    en: `${longest[0].from}'s QoS 2 handshake stopped at ${
      longest.at(-1)!.packet.type
    }: no ${missing} yet`,
  }, longest.at(-1)!.seq);
};

const umqttNoQos2: Check = (log) => {
  const err = lastError(log, "sender");
  const p = findPackets(log, { type: "PUBLISH", from: "sender", to: "broker" })
    .find((x) => x.packet.type === "PUBLISH" && x.packet.qos === 2);
  if (err?.startsWith("AssertionError") && p) {
    const rel = firstPacket(log, { type: "PUBREL", from: "sender" });
    return pass({
      zh: `umqtt.simple 发出了 QoS 2 的 PUBLISH，然后 assert 失败（AssertionError），${
        rel ? "" : "从来没有回 PUBREL，"
      }它不支持 QoS 2`,
      en: `umqtt.simple sent the QoS 2 PUBLISH, then failed its assert (AssertionError)${
        rel ? "" : " and never sent PUBREL"
      }: it cannot do QoS 2`,
    }, p.seq);
  }
  return fail({
    zh: "还没有看到 sender 试 publish(qos=2) 时的 AssertionError",
    en: "sender has not hit the AssertionError of publish(qos=2) yet",
  });
};

/** The listener's outage: from losing WiFi to its next CONNACK. */
function outage(log: LessonLog): { fromUs: number; toUs: number } | undefined {
  const lost = wifiStatuses(log, "listener").find((s, i, all) =>
    i > 0 && all[i - 1].status === STAT_GOT_IP && s.status !== STAT_GOT_IP
  );
  if (!lost) return undefined;
  const back = firstPacket(log, { type: "CONNACK", to: "listener", afterUs: lost.atUs });
  return back ? { fromUs: lost.atUs, toUs: back.atUs } : undefined;
}

function missed(log: LessonLog, qos: 0 | 1): { sent: string[]; printed: string[] } {
  const window = outage(log);
  if (!window) return { sent: [], printed: [] };
  const sent = findPackets(log, { type: "PUBLISH", from: "sender", to: "broker", topic: TOPIC })
    .filter((p) =>
      p.packet.type === "PUBLISH" && p.packet.qos === qos &&
      p.atUs >= window.fromUs && p.atUs < window.toUs
    ).map((p) => payloadText(p)!);
  const lines = consoleLines(log, "listener").map((l) => l.text);
  return { sent, printed: sent.filter((m) => lines.some((l) => l.includes(`b'${m}'`))) };
}

const qos1Survives: Check = (log) => {
  if (!outage(log)) {
    return fail({
      zh: "listener 还没有经历断线和重新连接",
      en: "listener has not lost its link and reconnected yet",
    });
  }
  const { sent, printed } = missed(log, 1);
  const dup = findPackets(log, { type: "PUBLISH", from: "broker", to: "listener" })
    .find((p) => p.packet.type === "PUBLISH" && p.packet.dup);
  if (sent.length > 0 && printed.length === sent.length && dup) {
    return pass({
      zh: `断线期间的 QoS 1 消息（${sent.join("、")}）在重新连接后补发了，DUP 标志为 1`,
      en: `The QoS 1 messages of the outage (${
        sent.join(", ")
      }) were resent after the reconnect, with DUP set`,
    }, dup.seq);
  }
  const lost = sent.filter((m) => !printed.includes(m));
  const ack = findPackets(log, { type: "CONNACK", to: "listener" }).at(-1);
  return fail({
    zh: `listener 断线期间的 QoS 1 消息丢了（${
      lost.join("、")
    }）：重新连接时是新会话，服务器什么也没留。用 clean_session=False 连接`,
    en: `listener lost the QoS 1 messages of its outage (${
      lost.join(", ")
    }): it came back with a clean session, so the broker kept nothing. Connect with clean_session=False`,
  }, ack?.seq);
};

const qos0Lost: Check = (log) => {
  const { sent, printed } = missed(log, 0);
  const lost = sent.filter((m) => !printed.includes(m));
  return lost.length > 0
    ? pass({
      zh: `断线期间的 QoS 0 消息（${lost.join("、")}）永远丢了：服务器不为离线客户端保存 QoS 0`,
      en: `The QoS 0 messages of the outage (${
        lost.join(", ")
      }) are gone for good: the broker keeps no QoS 0 for offline clients`,
    })
    : fail({
      zh: "还没有看到 listener 断线期间的 QoS 0 消息",
      en: "No QoS 0 message published during listener's outage yet",
    });
};

export const checks: CheckTable = {
  "qos0-fire-and-forget": qos0,
  "qos1-puback": qos1,
  "qos2-handshake": qos2Handshake,
  "umqtt-no-qos2": umqttNoQos2,
  "qos0-lost-in-drop": aboutBoard(qos0Lost, "listener"),
  "qos1-survives-drop": aboutBoard(qos1Survives, "listener"),
};
