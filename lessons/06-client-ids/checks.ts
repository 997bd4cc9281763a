/** Lesson 06: client ids must be unique; the same id twice means a takeover. */
import { aboutBoard, fail, findPackets, lastError, pass } from "../check_kit.ts";
import type { Check, CheckTable, LessonLog } from "../log.ts";

const BOARDS = ["publisher", "subscriber"];

function connectIds(log: LessonLog): Map<string, string> {
  const ids = new Map<string, string>();
  for (const p of findPackets(log, { type: "CONNECT", to: "broker" })) {
    if (p.packet.type === "CONNECT" && BOARDS.includes(p.from)) ids.set(p.from, p.packet.clientId);
  }
  return ids;
}

const bothConnect: Check = (log) => {
  const ids = connectIds(log);
  const missing = BOARDS.filter((b) => !ids.has(b));
  if (missing.length > 0) {
    return fail({
      zh: `还没有看到 ${missing.join("、")} 发出 CONNECT`,
      en: `No CONNECT from ${missing.join(", ")} yet`,
    });
  }
  return pass({
    zh: `两块板子都连接了：publisher 用 ${ids.get("publisher")}，subscriber 用 ${
      ids.get("subscriber")
    }`,
    en: `Both boards connected: publisher as ${ids.get("publisher")}, subscriber as ${
      ids.get("subscriber")
    }`,
  });
};

const uniqueIds: Check = (log) => {
  const ids = connectIds(log);
  const pub = ids.get("publisher");
  const sub = ids.get("subscriber");
  if (pub === undefined || sub === undefined) {
    return fail({
      zh: "要等两块板子都发出 CONNECT 才能比较客户端 ID",
      en: "Both boards must send CONNECT before their client ids can be compared",
    });
  }
  const second = findPackets(log, { type: "CONNECT", to: "broker", clientId: sub }).at(-1);
  if (pub === sub) {
    return fail({
      zh: `publisher 和 subscriber 都用 ${pub} 连接：同一个客户端 ID，后连上的会把先连上的踢下线`,
      en:
        `publisher and subscriber both connect as ${pub}: with the same client id, the later one kicks the earlier one off`,
    }, second?.seq);
  }
  return pass({
    zh: `客户端 ID 各不相同（${pub} 和 ${sub}），服务器分得清它们`,
    en: `The client ids differ (${pub} and ${sub}), so the broker tells them apart`,
  });
};

const subscriberReceives: Check = (log) => {
  const got = findPackets(log, { type: "PUBLISH", from: "broker", to: "subscriber" });
  if (got.length >= 3) {
    return pass({
      zh: `subscriber 一直在收消息（已经 ${got.length} 条）`,
      en: `subscriber keeps receiving (${got.length} messages so far)`,
    }, got[0].seq);
  }
  const err = lastError(log, "subscriber");
  if (err) {
    return fail({
      zh:
        `subscriber 的连接被关掉了（控制台：${err}）：另一个客户端用同一个 ID 连上时，服务器会断开旧的连接`,
      en:
        `subscriber's connection was closed (console: ${err}): when another client connects with the same id, the broker drops the old connection`,
    });
  }
  return fail({
    zh: `subscriber 只收到 ${got.length} 条消息`,
    en: `subscriber has received only ${got.length} messages`,
  });
};

export const checks: CheckTable = {
  "both-connect": bothConnect,
  "unique-ids": uniqueIds,
  "subscriber-receives": aboutBoard(subscriberReceives, "subscriber"),
};
