/** Lesson 02: WiFi join, seen as GPIO15 blinking and the station's status codes. */
import {
  aboutBoard,
  boots,
  consoleLines,
  fail,
  ms,
  pass,
  pinChanges,
  wifiStatuses,
} from "../check_kit.ts";
import type { Check, CheckTable, LessonLog } from "../log.ts";
import {
  STAT_CONNECTING,
  STAT_GOT_IP,
  STAT_WRONG_PASSWORD,
  wifiStatusName,
} from "../../devices/mod.ts";

const LED = 15;

function statusName(code: number | undefined): string {
  return code === undefined ? "-" : `${code} (${wifiStatusName(code)})`;
}

function joinedAt(log: LessonLog, board: string): number | undefined {
  return wifiStatuses(log, board).find((s) => s.status === STAT_GOT_IP)?.atUs;
}

const ledBlinks: Check = (log) => {
  const until = joinedAt(log, "publisher") ?? Infinity;
  const changes = pinChanges(log, "publisher", LED).filter((c) => c.atUs <= until);
  const ons = changes.filter((c) => c.level === 1).length;
  if (ons >= 3) {
    const gap = changes.length > 1 ? changes[1].atUs - changes[0].atUs : 0;
    return pass({
      zh: `连接 WiFi 时 GPIO15 闪了 ${ons} 次（每次亮 ${ms(gap)} ms）`,
      en: `GPIO15 blinked ${ons} times while joining WiFi (on for ${ms(gap)} ms each)`,
    });
  }
  return fail({
    zh: `还没有看到 publisher 的 GPIO15 在连接 WiFi 时闪烁（只亮了 ${ons} 次）`,
    en: `publisher's GPIO15 has not blinked while joining WiFi yet (on ${ons} times)`,
  });
};

const statusConnecting: Check = (log) => {
  const seen = wifiStatuses(log, "publisher");
  if (seen.some((s) => s.status === STAT_CONNECTING)) {
    return pass({
      zh: `wlan.connect() 之后 status() 变成 1001（STAT_CONNECTING）`,
      en: `After wlan.connect(), status() became 1001 (STAT_CONNECTING)`,
    });
  }
  return fail({
    zh: "还没有看到 publisher 的 status() 变成 1001（STAT_CONNECTING）",
    en: "publisher's status() has not become 1001 (STAT_CONNECTING) yet",
  });
};

const gotIp: Check = (log) => {
  const at = joinedAt(log, "publisher");
  if (at !== undefined) {
    const boot = boots(log, "publisher")[0]?.atUs ?? 0;
    return pass({
      zh: `publisher 在 ${ms(at - boot)} ms 后连上 WiFi：status() = 1010（STAT_GOT_IP）`,
      en: `publisher joined after ${ms(at - boot)} ms: status() = 1010 (STAT_GOT_IP)`,
    });
  }
  const last = wifiStatuses(log, "publisher").at(-1)?.status;
  const why = last === STAT_WRONG_PASSWORD
    ? { zh: "，密码错了", en: ": the password is wrong" }
    : { zh: "", en: "" };
  return fail({
    zh: `publisher 还没有连上 WiFi：status() 是 ${statusName(last)}${why.zh}`,
    en: `publisher has not joined WiFi yet: status() is ${statusName(last)}${why.en}`,
  });
};

const ledOffWhenJoined: Check = (log) => {
  const at = joinedAt(log, "publisher");
  if (at === undefined) {
    return fail({
      zh: "publisher 还没连上 WiFi，LED 还在闪",
      en: "publisher has not joined WiFi, so its LED still blinks",
    });
  }
  const changes = pinChanges(log, "publisher", LED);
  const last = changes.at(-1);
  if (last && last.level === 0 && last.atUs <= at + 700_000) {
    return pass({
      zh: "连上以后 GPIO15 停止闪烁，保持熄灭",
      en: "Once joined, GPIO15 stops blinking and stays off",
    });
  }
  return fail({
    zh: "连上 WiFi 以后 GPIO15 还在变化",
    en: "GPIO15 still changes after the board joined WiFi",
  });
};

const wrongPassword: Check = (log) => {
  const seen = wifiStatuses(log, "classmate");
  if (seen.some((s) => s.status === STAT_WRONG_PASSWORD)) {
    return pass({
      zh: "同学的板子密码错了：status() = 202（STAT_WRONG_PASSWORD），LED 一直闪",
      en:
        "The classmate's board has the wrong password: status() = 202 (STAT_WRONG_PASSWORD), its LED keeps blinking",
    });
  }
  return fail({
    zh: `还没有看到 classmate 的 status() 变成 202（STAT_WRONG_PASSWORD），现在是 ${
      statusName(seen.at(-1)?.status)
    }`,
    en: `classmate's status() has not become 202 (STAT_WRONG_PASSWORD) yet; it is ${
      statusName(seen.at(-1)?.status)
    }`,
  });
};

const timeout150s: Check = (log) => {
  const line = consoleLines(log, "classmate").find((l) => l.text.includes("WIFI Connect Timeout!"));
  if (!line) {
    return fail({
      zh: "classmate 还没有打印 “WIFI Connect Timeout!”（要等 150 秒以上，可以把时间调快）",
      en:
        `classmate has not printed "WIFI Connect Timeout!" yet (it takes over 150 s: speed time up)`,
    });
  }
  const boot = boots(log, "classmate")[0]?.atUs ?? 0;
  const s = Math.round((line.atUs - boot) / 100_000) / 10;
  return pass({
    zh: `${s} 秒后才打印 “WIFI Connect Timeout!”：代码写的是 150 秒，注释却说 15 秒`,
    en: `"WIFI Connect Timeout!" came after ${s} s: the code says 150 s, the comment says 15`,
  });
};

export const checks: CheckTable = {
  "led-blinks": aboutBoard(ledBlinks, "publisher"),
  "status-connecting": aboutBoard(statusConnecting, "publisher"),
  "got-ip": aboutBoard(gotIp, "publisher"),
  "led-off-when-joined": aboutBoard(ledOffWhenJoined, "publisher"),
  "wrong-password-202": aboutBoard(wrongPassword, "classmate"),
  "timeout-150s": aboutBoard(timeout150s, "classmate"),
};
