/** Lesson 11: what + and # match, and why # does not see $SYS. */
import { aboutBoard, fail, findPackets, pass, topicOf } from "../check_kit.ts";
import type { Check, CheckTable, LessonLog } from "../log.ts";

function topicsTo(log: LessonLog, board: string): Set<string> {
  const out = new Set<string>();
  for (const p of findPackets(log, { type: "PUBLISH", from: "broker", to: board })) {
    out.add(topicOf(p)!);
  }
  return out;
}

function filtersOf(log: LessonLog, board: string): string {
  return findPackets(log, { type: "SUBSCRIBE", from: board }).flatMap((p) =>
    p.packet.type === "SUBSCRIBE" ? p.packet.subscriptions.map((s) => s.topicFilter) : []
  ).join(", ") || "-";
}

const plusOneLevel: Check = (log) => {
  const temps = [...topicsTo(log, "dashboard")].filter((t) =>
    /^sensors\/[^/]+\/temperature$/.test(t)
  );
  if (temps.length >= 3) {
    return pass({
      zh: `sensors/+/temperature 收到了 ${temps.length} 个房间：${temps.join("、")}`,
      en: `sensors/+/temperature got ${temps.length} rooms: ${temps.join(", ")}`,
    });
  }
  const filters = filtersOf(log, "dashboard");
  return fail({
    zh:
      `dashboard 还没有收到三个房间的温度（只有 ${temps.length} 个）。它订阅的是 ${filters}：+ 只代替一层，sensors/kitchen/temperature 有三层`,
    en:
      `dashboard has not received the three rooms' temperatures (only ${temps.length}). It subscribed to ${filters}: + stands for one level, and sensors/kitchen/temperature has three`,
  });
};

const plusNotHumidity: Check = (log) => {
  const seen = topicsTo(log, "dashboard");
  if (seen.has("sensors/kitchen/humidity")) {
    return fail({
      zh: "dashboard 收到了湿度 sensors/kitchen/humidity：它的过滤器太宽了",
      en: "dashboard received the humidity sensors/kitchen/humidity: its filter is too wide",
    });
  }
  const filters = filtersOf(log, "dashboard");
  return pass({
    zh: `${filters} 没有匹配 sensors/kitchen/humidity`,
    en: `${filters} did not match sensors/kitchen/humidity`,
  });
};

const hashEverything: Check = (log) => {
  const seen = [...topicsTo(log, "logger")];
  const want = ["sensors/kitchen/temperature", "sensors/kitchen/humidity"];
  const missing = want.filter((t) => !seen.includes(t));
  return missing.length === 0
    ? pass({
      zh: `# 匹配所有主题：logger 收到了 ${seen.length} 个不同的主题，温度和湿度都有`,
      en:
        `# matches every topic: logger got ${seen.length} different topics, temperature and humidity alike`,
    })
    : fail({
      zh: `logger 还没有收到 ${missing.join("、")}`,
      en: `logger has not received ${missing.join(", ")} yet`,
    });
};

const sysTopics: Check = (log) => {
  const sys = [...topicsTo(log, "sysmon")].filter((t) => t.startsWith("$SYS/"));
  return sys.length > 0
    ? pass({
      zh: `$SYS/# 收到了服务器自己的统计，比如 ${sys.slice(0, 2).join("、")}`,
      en: `$SYS/# receives the broker's own statistics, e.g. ${sys.slice(0, 2).join(", ")}`,
    })
    : fail({
      zh: "sysmon 还没有收到 $SYS 主题（服务器每 5 秒发布一次）",
      en: "sysmon has not received a $SYS topic yet (the broker publishes them every 5 s)",
    });
};

const hashSkipsSys: Check = (log) => {
  const sysToLogger = [...topicsTo(log, "logger")].filter((t) => t.startsWith("$"));
  if (sysToLogger.length > 0) {
    return fail({
      zh: `# 不应该匹配以 $ 开头的主题，logger 却收到了 ${sysToLogger[0]}`,
      en: `# must not match topics starting with $, yet logger got ${sysToLogger[0]}`,
    });
  }
  if (![...topicsTo(log, "sysmon")].some((t) => t.startsWith("$SYS/"))) {
    return fail({
      zh: "要等 sysmon 收到 $SYS 主题，才能比较",
      en: "sysmon must receive a $SYS topic before the two can be compared",
    });
  }
  return pass({
    zh: "# 匹配一切，却没有匹配 $SYS 主题：以 $ 开头的主题要明确订阅",
    en:
      "# matches everything but the $SYS topics: topics starting with $ must be subscribed to by name",
  });
};

export const checks: CheckTable = {
  "plus-one-level": aboutBoard(plusOneLevel, "dashboard"),
  "plus-not-humidity": aboutBoard(plusNotHumidity, "dashboard"),
  "hash-everything": aboutBoard(hashEverything, "logger"),
  "sys-topics": aboutBoard(sysTopics, "sysmon"),
  "hash-skips-sys": aboutBoard(hashSkipsSys, "logger"),
};
