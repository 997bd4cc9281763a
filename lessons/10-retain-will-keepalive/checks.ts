/** Lesson 10: retained messages, the last will, and keep-alive with ping(). */
import { fail, findPackets, firstPacket, ms, pass, payloadText } from "../check_kit.ts";
import type { Check, CheckTable, LessonLog } from "../log.ts";

const TOPIC = "lab/status";

function dropAtUs(log: LessonLog): number | undefined {
  for (const ev of log.events) {
    if (ev.kind === "scenario" && ev.action === "wifi-drop" && ev.detail === "sensor") {
      return ev.atUs;
    }
  }
  return undefined;
}

function willDeliveries(log: LessonLog) {
  return findPackets(log, { type: "PUBLISH", from: "broker", to: "dashboard", topic: TOPIC })
    .filter((p) => payloadText(p) === "offline");
}

const willRegistered: Check = (log) => {
  const p = firstPacket(log, { type: "CONNECT", from: "sensor" });
  if (!p || p.packet.type !== "CONNECT") {
    return fail({ zh: "还没有看到 sensor 的 CONNECT", en: "No CONNECT from sensor yet" });
  }
  const { will, keepaliveS } = p.packet;
  if (!will) {
    return fail({
      zh: "sensor 的 CONNECT 里没有遗嘱：连接之前要调用 set_last_will()",
      en: "sensor's CONNECT carries no will: call set_last_will() before connect()",
    }, p.seq);
  }
  return pass({
    zh: `CONNECT 带着遗嘱（${will.topic}：“${new TextDecoder().decode(will.payload)}”，保留=${
      will.retain ? 1 : 0
    }）和 keepalive ${keepaliveS} 秒`,
    en: `The CONNECT carries a will (${will.topic}: "${
      new TextDecoder().decode(will.payload)
    }", retain=${will.retain ? 1 : 0}) and keepalive ${keepaliveS} s`,
  }, p.seq);
};

const retainedPublished: Check = (log) => {
  const p = findPackets(log, { type: "PUBLISH", from: "sensor", to: "broker", topic: TOPIC })
    .find((x) => x.packet.type === "PUBLISH" && x.packet.retain);
  return p
    ? pass({
      zh: `sensor 发布了保留消息 “${payloadText(p)}”（第一个字节 31：保留标志为 1）`,
      en: `sensor published the retained message "${
        payloadText(p)
      }" (first byte 31: retain flag set)`,
    }, p.seq)
    : fail({
      zh: `还没有看到 sensor 向 ${TOPIC} 发布保留消息（retain=True）`,
      en: `No retained PUBLISH (retain=True) from sensor to ${TOPIC} yet`,
    });
};

const lateGetsRetained: Check = (log) => {
  const p = findPackets(log, { type: "PUBLISH", from: "broker", to: "dashboard", topic: TOPIC })
    .find((x) => x.packet.type === "PUBLISH" && x.packet.retain && payloadText(x) === "online");
  return p
    ? pass({
      zh: "dashboard 晚上线，一订阅就收到了保留的 “online”（保留标志为 1）",
      en:
        `dashboard came late and got the retained "online" as soon as it subscribed (retain flag set)`,
    }, p.seq)
    : fail({
      zh: "dashboard 订阅后还没有收到保留的 “online”",
      en: `dashboard has not received the retained "online" after subscribing yet`,
    });
};

const aliveUntilDrop: Check = (log) => {
  const drop = dropAtUs(log) ?? Infinity;
  const early = willDeliveries(log).find((p) => p.atUs < drop);
  if (early) {
    const last = findPackets(log, { from: "sensor", to: "broker" }).filter((p) =>
      p.atUs < early.atUs
    )
      .at(-1);
    const quiet = last ? ms(early.atUs - last.atUs) : "?";
    return fail({
      zh: `sensor 还连着 WiFi，服务器却在 ${
        ms(early.atUs)
      } ms 发布了它的遗嘱：它 ${quiet} ms 没发任何报文，超过 keepalive 10 秒 × 1.5。umqtt.simple 不会自动 ping，要自己调用 ping()`,
      en: `sensor was still on WiFi, yet the broker published its will at ${
        ms(early.atUs)
      } ms: it sent nothing for ${quiet} ms, over 1.5 x its 10 s keepalive. umqtt.simple never pings by itself: call ping()`,
    }, early.seq);
  }
  const pings = findPackets(log, { type: "PINGREQ", from: "sensor" });
  const pong = firstPacket(log, { type: "PINGRESP", to: "sensor" });
  if (pings.length === 0 || !pong) {
    return fail({
      zh: "还没有看到 sensor 的 PINGREQ 和 PINGRESP",
      en: "No PINGREQ/PINGRESP for sensor yet",
    });
  }
  return pass({
    zh:
      `sensor 每 5 秒 ping() 一次（PINGREQ ${pings.length} 次，服务器回 PINGRESP），连接一直保持到 WiFi 断开`,
    en:
      `sensor pings every 5 s (${pings.length} PINGREQ, each answered by PINGRESP) and stays connected until its WiFi drops`,
  }, pong.seq);
};

const willAfterDrop: Check = (log) => {
  const drop = dropAtUs(log);
  const will = willDeliveries(log).find((p) => drop !== undefined && p.atUs >= drop);
  if (!will || drop === undefined) {
    return fail({
      zh: "sensor 掉线后，还没有看到服务器发布遗嘱 “offline”（要等 keepalive 的 1.5 倍）",
      en:
        `No will "offline" from the broker since sensor dropped off yet (it takes 1.5 x keepalive)`,
    });
  }
  return pass({
    zh: `WiFi 断开 ${ms(will.atUs - drop)} ms 后，服务器替 sensor 发布了遗嘱 “offline”`,
    en: `${
      ms(will.atUs - drop)
    } ms after the WiFi dropped, the broker published sensor's will "offline"`,
  }, will.seq);
};

export const checks: CheckTable = {
  "will-registered": willRegistered,
  "retained-published": retainedPublished,
  "late-gets-retained": lateGetsRetained,
  "alive-until-drop": aliveUntilDrop,
  "will-after-drop": willAfterDrop,
};
