/** Lesson 07: "on"/"off" from the phone to esp32/publish switch the board's LED. */
import {
  expectDelivered,
  expectSubscribed,
  fail,
  findPackets,
  ms,
  pass,
  payloadText,
  pinChanges,
} from "../check_kit.ts";
import type { Check, CheckTable } from "../log.ts";

const TOPIC = "esp32/publish";
const LED = 15;
/** The board polls check_msg() once a second. */
const REACTION_US = 1_500_000;

const phoneSends: Check = (log) => {
  const sent = findPackets(log, { type: "PUBLISH", to: "broker", topic: TOPIC })
    .filter((p) => ["on", "off"].includes(payloadText(p) ?? ""));
  if (sent.length > 0) {
    return pass({
      zh: `手机向 ${TOPIC} 发送了 “${payloadText(sent[0])}”`,
      en: `The phone sent "${payloadText(sent[0])}" to ${TOPIC}`,
    }, sent[0].seq);
  }
  return fail({
    zh: `还没有看到发往 ${TOPIC} 的 “on” 或 “off”：在手机面板上拨一下开关`,
    en: `No "on" or "off" to ${TOPIC} yet: flip the switch on the phone panel`,
  });
};

function ledFollows(command: "on" | "off"): Check {
  const level = command === "on" ? 1 : 0;
  return (log) => {
    const got = findPackets(log, { type: "PUBLISH", from: "broker", to: "esp32", topic: TOPIC })
      .filter((p) => payloadText(p) === command);
    if (got.length === 0) {
      return fail({
        zh: `esp32 还没有收到 “${command}”`,
        en: `esp32 has not received "${command}" yet`,
      });
    }
    const changes = pinChanges(log, "esp32", LED);
    for (const p of got) {
      const change = changes.find((c) => c.atUs >= p.atUs && c.atUs <= p.atUs + REACTION_US);
      if (change?.level === level) {
        return pass({
          zh: `收到 “${command}” 后 ${ms(change.atUs - p.atUs)} ms，GPIO15 ${
            level ? "点亮" : "熄灭"
          }`,
          en: `${ms(change.atUs - p.atUs)} ms after "${command}", GPIO15 went ${
            level ? "on" : "off"
          }`,
        }, p.seq);
      }
    }
    return fail({
      zh: `esp32 收到了 “${command}”，可是 GPIO15 没有${
        level ? "点亮" : "熄灭"
      }：看看回调函数 sub_cb`,
      en: `esp32 got "${command}" but GPIO15 did not go ${
        level ? "on" : "off"
      }: look at the callback sub_cb`,
    }, got[0].seq);
  };
}

export const checks: CheckTable = {
  "esp32-subscribes": expectSubscribed("esp32", TOPIC),
  "phone-sends": phoneSends,
  "esp32-receives": expectDelivered("esp32", TOPIC),
  "led-on": ledFollows("on"),
  "led-off": ledFollows("off"),
};
