/** Lesson 08: logins, a refused password, an ACL refusal, and the blog's NameError. */
import {
  aboutBoard,
  connackCode,
  connacks,
  consoleLines,
  expectConnected,
  expectSubscribed,
  fail,
  findPackets,
  firstPacket,
  lastError,
  pass,
} from "../check_kit.ts";
import type { Check, CheckTable } from "../log.ts";

const BAD_USERNAME_OR_PASSWORD = 4;
const SUBACK_FAILURE = 0x80;

const connectDefined: Check = (log) => {
  const err = lastError(log, "esp32");
  if (err?.startsWith("NameError")) {
    return fail({
      zh: `esp32 还没联网就停了：${err}。博客的 main.py 调用了 connect()，却没有定义它`,
      en:
        `esp32 stopped before joining WiFi: ${err}. The blog's main.py calls connect() but never defines it`,
    });
  }
  const joined = consoleLines(log, "esp32").some((l) => l.text.startsWith("network information"));
  return joined
    ? pass({
      zh: "connect() 定义好了：esp32 连上了 WiFi",
      en: "connect() is defined: esp32 joined WiFi",
    })
    : fail({ zh: "esp32 还没有连上 WiFi", en: "esp32 has not joined WiFi yet" });
};

const credentialsVisible: Check = (log) => {
  const p = firstPacket(log, { type: "CONNECT", from: "esp32" });
  if (!p || p.packet.type !== "CONNECT" || p.packet.username === undefined) {
    return fail({
      zh: "还没有看到 esp32 带用户名和密码的 CONNECT",
      en: "No CONNECT from esp32 with a user name and password yet",
    }, p?.seq);
  }
  const password = new TextDecoder().decode(p.packet.password ?? new Uint8Array());
  return pass({
    zh: `CONNECT 里用户名 ${p.packet.username}、密码 ${password} 都是明文：能抓包的人都看得见`,
    en:
      `The CONNECT carries user ${p.packet.username} and password ${password} in clear text: anyone capturing packets can read them`,
  }, p.seq);
};

const wrongPasswordRefused: Check = (log) => {
  const ack = connacks(log, "intruder").at(-1);
  if (!ack) {
    return fail({
      zh: "还没有看到服务器回答 intruder 的 CONNECT",
      en: "The broker has not answered intruder's CONNECT yet",
    });
  }
  const code = connackCode(ack);
  if (code === BAD_USERNAME_OR_PASSWORD) {
    return pass({
      zh: "服务器拒绝了猜错密码的 intruder：CONNACK 返回码 4（用户名或密码错误）",
      en:
        "The broker refused intruder's guessed password: CONNACK return code 4 (bad user name or password)",
    }, ack.seq);
  }
  return fail({
    zh: `intruder 的 CONNACK 返回码是 ${code}，应该是 4（用户名或密码错误）`,
    en: `intruder's CONNACK return code is ${code}; it should be 4 (bad user name or password)`,
  }, ack.seq);
};

const aclRefuses: Check = (log) => {
  const acks = findPackets(log, { type: "SUBACK", from: "broker", to: "student" });
  const refused = acks.find((p) =>
    p.packet.type === "SUBACK" && p.packet.reasonCodes.includes(SUBACK_FAILURE)
  );
  if (refused) {
    return pass({
      zh: "ACL 拒绝了 student 订阅 esp32/publish：SUBACK 返回 0x80，程序报 MQTTException: 128",
      en:
        "The ACL refused student's subscription to esp32/publish: SUBACK 0x80, and the program raises MQTTException: 128",
    }, refused.seq);
  }
  return fail({
    zh: acks.length > 0
      ? "student 的订阅被接受了：ACL 没有拦住它"
      : "还没有看到服务器回答 student 的 SUBSCRIBE",
    en: acks.length > 0
      ? "student's subscription was granted: the ACL did not stop it"
      : "The broker has not answered student's SUBSCRIBE yet",
  }, acks[0]?.seq);
};

export const checks: CheckTable = {
  "connect-defined": aboutBoard(connectDefined, "esp32"),
  "esp32-logs-in": expectConnected("esp32"),
  "credentials-visible": credentialsVisible,
  "wrong-password-refused": wrongPasswordRefused,
  "esp32-subscribes": expectSubscribed("esp32", "esp32/publish"),
  "acl-refuses": aclRefuses,
};
