/** Lesson 04: the subscriber's SUBSCRIBE, the deliveries and how long they wait. */
import {
  consoleLines,
  expectConsole,
  expectDelivered,
  expectSubscribed,
  fail,
  findPackets,
  ms,
  pass,
} from "../check_kit.ts";
import type { Check, CheckTable } from "../log.ts";

const TOPIC = "/public/pz_esp32/1";
const POLL_MS = 300;
/** Network latency board <-> broker, plus rounding: what may come on top of the poll. */
const SLACK_MS = 20;

const waitsUnder300ms: Check = (log) => {
  const delivered = findPackets(log, {
    type: "PUBLISH",
    from: "broker",
    to: "subscriber",
    topic: TOPIC,
  });
  const printed = consoleLines(log, "subscriber").filter((l) => l.text.startsWith("msg:"));
  if (delivered.length === 0 || printed.length === 0) {
    return fail({
      zh: "还没有看到订阅者收到并打印消息",
      en: "The subscriber has not received and printed a message yet",
    });
  }
  let worstUs = 0;
  let worstSeq = delivered[0].seq;
  let j = 0;
  for (const p of delivered) {
    while (j < printed.length && printed[j].atUs < p.atUs) j++;
    if (j >= printed.length) break;
    const waitedUs = printed[j].atUs - p.atUs;
    if (waitedUs > worstUs) [worstUs, worstSeq] = [waitedUs, p.seq];
    j++;
  }
  if (worstUs > (POLL_MS + SLACK_MS) * 1000) {
    return fail({
      zh: `有一条消息在订阅者那里等了 ${
        ms(worstUs)
      } ms 才被 check_msg() 取走：轮询周期应该是 300 ms`,
      en: `A message waited ${
        ms(worstUs)
      } ms before check_msg() picked it up: the poll period should be 300 ms`,
    }, worstSeq);
  }
  return pass({
    zh: `服务器转发后最多 ${ms(worstUs)} ms 就打印出来：check_msg() 每 300 ms 一次，再加上网络延迟`,
    en: `Printed at most ${
      ms(worstUs)
    } ms after the broker sent it: one check_msg() every 300 ms, plus the network's delay`,
  }, worstSeq);
};

export const checks: CheckTable = {
  "subscribed": expectSubscribed("subscriber", TOPIC),
  "delivered": expectDelivered("subscriber", TOPIC, "Hello PRECHIN"),
  "callback-prints": expectConsole("subscriber", "msg: b'Hello PRECHIN'"),
  "waits-under-300ms": waitsUnder300ms,
};
