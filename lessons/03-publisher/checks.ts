/** Lesson 03: the publisher's CONNECT and PUBLISH, byte by byte, and its period. */
import {
  expectConnected,
  expectPublish,
  fail,
  findPackets,
  firstPacket,
  fixedHeaderLength,
  hex,
  ms,
  pass,
} from "../check_kit.ts";
import type { Check, CheckTable } from "../log.ts";

const TOPIC = "/public/pz_esp32/1";
const PERIOD_MS = 1000;
const TOLERANCE_MS = 20;

const connectBytes: Check = (log) => {
  const p = firstPacket(log, { type: "CONNECT", from: "publisher" });
  if (!p || p.packet.type !== "CONNECT") {
    return fail({
      zh: "还没有看到 publisher 发出的 CONNECT",
      en: "No CONNECT from publisher yet",
    });
  }
  const c = p.packet;
  if (c.protocolName !== "MQTT" || c.protocolLevel !== 4 || c.clientId !== "PZ-ESP32") {
    return fail({
      zh: `CONNECT 不对：协议 ${c.protocolName} 级别 ${c.protocolLevel}，客户端 ID ${c.clientId}`,
      en:
        `Unexpected CONNECT: protocol ${c.protocolName} level ${c.protocolLevel}, client id ${c.clientId}`,
    }, p.seq);
  }
  return pass({
    zh: `CONNECT 共 ${p.bytes.length} 字节：${
      hex(p.bytes)
    }（“MQTT”、级别 4、清除会话、keepalive 0、ID PZ-ESP32）`,
    en: `CONNECT is ${p.bytes.length} bytes: ${
      hex(p.bytes)
    } ("MQTT", level 4, clean session, keepalive 0, id PZ-ESP32)`,
  }, p.seq);
};

const everySecond: Check = (log) => {
  const sent = findPackets(log, { type: "PUBLISH", from: "publisher", to: "broker", topic: TOPIC });
  if (sent.length < 3) {
    return fail({
      zh: `publisher 只发了 ${sent.length} 个 PUBLISH，至少要看到 3 个才能量出间隔`,
      en: `publisher sent only ${sent.length} PUBLISH; 3 are needed to measure the period`,
    }, sent[0]?.seq);
  }
  for (let i = 1; i < sent.length; i++) {
    const gapUs = sent[i].atUs - sent[i - 1].atUs;
    if (Math.abs(gapUs / 1000 - PERIOD_MS) > TOLERANCE_MS) {
      return fail({
        zh: `两个 PUBLISH 相隔 ${ms(gapUs)} ms，课本要求每 1000 ms 一个（看 tim.init 的 period）`,
        en: `Two PUBLISH are ${
          ms(gapUs)
        } ms apart; the textbook sends one every 1000 ms (see tim.init's period)`,
      }, sent[i].seq);
    }
  }
  return pass({
    zh: `${sent.length} 个 PUBLISH，每两个相隔 1000 ms`,
    en: `${sent.length} PUBLISH, each 1000 ms after the one before`,
  }, sent[1].seq);
};

const headerTwoBytes: Check = (log) => {
  const sent = findPackets(log, { type: "PUBLISH", from: "publisher", to: "broker", topic: TOPIC });
  if (sent.length === 0) {
    return fail({ zh: `还没有看到发往 ${TOPIC} 的 PUBLISH`, en: `No PUBLISH to ${TOPIC} yet` });
  }
  const odd = sent.find((p) => fixedHeaderLength(p.bytes) !== 2);
  if (odd) {
    return fail({
      zh: `这个 PUBLISH 的固定报头是 ${fixedHeaderLength(odd.bytes)} 字节`,
      en: `This PUBLISH has a ${fixedHeaderLength(odd.bytes)}-byte fixed header`,
    }, odd.seq);
  }
  const p = sent[0];
  const rest = p.bytes.length - 2;
  return pass({
    zh: `固定报头正好 2 字节（${
      hex(p.bytes.slice(0, 2))
    }），但整帧有 ${p.bytes.length} 字节：后面还有 ${rest} 字节的主题和消息`,
    en: `The fixed header is exactly 2 bytes (${
      hex(p.bytes.slice(0, 2))
    }), but the frame is ${p.bytes.length} bytes: ${rest} more for topic and message`,
  }, p.seq);
};

const longHeader: Check = (log) => {
  const p = firstPacket(log, { type: "PUBLISH", from: "long-publisher", to: "broker" });
  if (!p) {
    return fail({
      zh: "还没有看到 long-publisher 的 PUBLISH",
      en: "No PUBLISH from long-publisher yet",
    });
  }
  const n = fixedHeaderLength(p.bytes);
  if (n < 3) {
    return fail({
      zh: `long-publisher 的消息太短，固定报头只有 ${n} 字节`,
      en: `long-publisher's message is short: its fixed header is only ${n} bytes`,
    }, p.seq);
  }
  return pass({
    zh: `${p.bytes.length} 字节的 PUBLISH，剩余长度超过 127，固定报头要 ${n} 字节：${
      hex(p.bytes.slice(0, n))
    }`,
    en:
      `A ${p.bytes.length}-byte PUBLISH: remaining length is over 127, so the fixed header takes ${n} bytes: ${
        hex(p.bytes.slice(0, n))
      }`,
  }, p.seq);
};

export const checks: CheckTable = {
  "connect-bytes": connectBytes,
  "connack-0": expectConnected("publisher"),
  "hello-published": expectPublish("publisher", TOPIC, "Hello PRECHIN"),
  "every-1000ms": everySecond,
  "header-2-bytes": headerTwoBytes,
  "long-header-3-bytes": longHeader,
};
