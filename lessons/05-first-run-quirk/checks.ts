/** Lesson 05: does the publisher reach MQTT on its first run, without being run again? */
import {
  aboutBoard,
  boots,
  consoleLines,
  expectPublish,
  fail,
  firstPacket,
  ms,
  pass,
  wifiStatuses,
} from "../check_kit.ts";
import type { Check, CheckTable, LessonLog } from "../log.ts";

const STAT_GOT_IP = 1010;

/** End of the first run: the first reset after power-on, or never. */
function firstRunEndUs(log: LessonLog): number {
  return boots(log, "publisher").find((b) => b.reason !== "power-on")?.atUs ?? Infinity;
}

const joinsWifi: Check = (log) => {
  const got = wifiStatuses(log, "publisher").find((s) => s.status === STAT_GOT_IP);
  return got
    ? pass({
      zh: `publisher 在 ${ms(got.atUs)} ms 连上了 WiFi（status 1010）`,
      en: `publisher joined WiFi at ${ms(got.atUs)} ms (status 1010)`,
    })
    : fail({ zh: "publisher 还没有连上 WiFi", en: "publisher has not joined WiFi yet" });
};

const networkInfoFirstRun: Check = (log) => {
  const end = firstRunEndUs(log);
  const line = consoleLines(log, "publisher").find((l) => l.text.startsWith("network information"));
  if (line && line.atUs < end) {
    return pass({
      zh: "第一次运行就打印了 network information：wifi_connect() 返回了 True",
      en: "The first run printed network information: wifi_connect() returned True",
    });
  }
  return fail({
    zh: "第一次运行没有打印 network information：连上以后 wifi_connect() 走的是 return False",
    en:
      "The first run never printed network information: after joining, wifi_connect() took the return False",
  });
};

const connectsFirstRun: Check = (log) => {
  const end = firstRunEndUs(log);
  const connect = firstPacket(log, { type: "CONNECT", from: "publisher" });
  if (connect && connect.atUs < end) {
    return pass({
      zh: "第一次运行就发出了 CONNECT，不用再运行一次",
      en: "The first run sent CONNECT: no need to run it again",
    }, connect.seq);
  }
  if (connect) {
    return fail({
      zh: "要重新运行一次才发出 CONNECT：第一次运行时 wifi_connect() 返回了 False",
      en:
        "CONNECT only came after running the program again: on the first run wifi_connect() returned False",
    }, connect.seq);
  }
  return fail({
    zh:
      "publisher 连上了 WiFi，却没有发出 CONNECT：wifi_connect() 返回 False，if 里的 MQTT 代码没有运行",
    en:
      "publisher joined WiFi but sent no CONNECT: wifi_connect() returned False, so the MQTT code under the if never ran",
  });
};

export const checks: CheckTable = {
  "joins-wifi": aboutBoard(joinsWifi, "publisher"),
  "network-info-first-run": aboutBoard(networkInfoFirstRun, "publisher"),
  "connects-first-run": connectsFirstRun,
  "publishes": expectPublish("publisher", "/public/pz_esp32/1", "Hello PRECHIN"),
};
