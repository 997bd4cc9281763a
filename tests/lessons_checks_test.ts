/**
 * The lesson check helpers on logs made by the real broker: packets go in through
 * `broker.attach()` as bytes, and the tap's events become the log the checks read.
 */
import assert from "node:assert/strict";
import { Broker, hashPassword, type PacketEvent } from "../broker/mod.ts";
import { encode, type Packet } from "../broker/codec/mod.ts";
import { VirtualClock } from "../sim/mod.ts";
import {
  expectConnected,
  expectDelivered,
  expectPublish,
  expectSubscribed,
} from "../lessons/check_kit.ts";
import { emptyLog, type LessonLog } from "../lessons/log.ts";
import { runLesson } from "../lessons/run.ts";
import { checks } from "../lessons/09-qos/checks.ts";

/** A broker whose tap fills a LessonLog, naming each client by its link's address. */
function brokerWithLog(config: ConstructorParameters<typeof Broker>[0]["config"] = {}) {
  const broker = new Broker({ clock: new VirtualClock(), config });
  const log = emptyLog();
  broker.tap.listen((ev: PacketEvent) => {
    log.packets.push({
      seq: ev.seq,
      atUs: ev.atUs,
      from: ev.direction === "in" ? ev.remoteAddress : "broker",
      to: ev.direction === "in" ? "broker" : ev.remoteAddress,
      clientId: ev.clientId,
      packet: ev.packet,
      bytes: ev.bytes,
      level: ev.level,
      direction: ev.direction,
      remoteAddress: ev.remoteAddress,
      transport: ev.transport,
      connectionId: ev.connectionId,
    });
  });
  const client = (name: string) => {
    const link = broker.attach({
      transport: "virtual",
      remoteAddress: name,
      send: () => {},
      close: () => link.closed(),
    });
    return (p: Packet) => link.receive(encode(p, 4));
  };
  return { log, client };
}

const connect = (clientId: string, username?: string, password?: string): Packet => ({
  type: "CONNECT",
  protocolName: "MQTT",
  protocolLevel: 4,
  cleanStart: true,
  keepaliveS: 0,
  clientId,
  ...(username !== undefined && { username }),
  ...(password !== undefined && { password: new TextEncoder().encode(password) }),
});

const publish = (topic: string, text: string): Packet => ({
  type: "PUBLISH",
  dup: false,
  qos: 0,
  retain: false,
  topic,
  payload: new TextEncoder().encode(text),
});

const subscribe = (topicFilter: string): Packet => ({
  type: "SUBSCRIBE",
  packetId: 1,
  subscriptions: [{ topicFilter, qos: 0 }],
});

function textbookPair(log: LessonLog, client: (name: string) => (p: Packet) => void) {
  const sub = client("subscriber");
  const pub = client("publisher");
  sub(connect("PZ-ESP32-SUB"));
  sub(subscribe("/public/pz_esp32/1"));
  pub(connect("PZ-ESP32"));
  pub(publish("/public/pz_esp32/1", "Hello PRECHIN"));
  return log;
}

Deno.test("checks pass on the textbook pair's real packets and point at the packet", () => {
  const { log, client } = brokerWithLog();
  textbookPair(log, client);
  const connected = expectConnected("publisher")(log);
  assert.equal(connected.ok, true);
  assert.equal(log.packets.find((p) => p.seq === connected.seq)?.packet.type, "CONNACK");
  assert.equal(expectSubscribed("subscriber", "/public/pz_esp32/1")(log).ok, true);
  const published = expectPublish("publisher", "/public/pz_esp32/1", "Hello PRECHIN")(log);
  assert.equal(published.ok, true);
  assert.equal(log.packets.find((p) => p.seq === published.seq)?.from, "publisher");
  assert.equal(expectDelivered("subscriber", "/public/pz_esp32/1", "Hello PRECHIN")(log).ok, true);
});

Deno.test("a missing PUBLISH is named in both languages, with what was sent instead", () => {
  const { log, client } = brokerWithLog();
  const pub = client("publisher");
  pub(connect("PZ-ESP32"));
  pub(publish("/public/pz_esp32/2", "Hello PRECHIN"));
  const r = expectPublish("publisher", "/public/pz_esp32/1")(log);
  assert.equal(r.ok, false);
  assert.equal(
    r.message.zh,
    "还没有看到 publisher 发往 /public/pz_esp32/1 的 PUBLISH（它发到了 /public/pz_esp32/2：“Hello PRECHIN”）",
  );
  assert.equal(
    r.message.en,
    `No PUBLISH from publisher to /public/pz_esp32/1 yet (it published "Hello PRECHIN" to /public/pz_esp32/2)`,
  );
});

Deno.test("a refused login and an ACL refusal fail with the broker's codes", async () => {
  const passwordHash = await hashPassword("prechin2024", new Uint8Array(16), 1000);
  const { log, client } = brokerWithLog({
    allowAnonymous: false,
    users: [{ username: "student", passwordHash }],
    acl: { default: "deny", rules: [{ permission: "allow", action: "all", topics: ["class/#"] }] },
  });
  client("intruder")(connect("intruder", "nobody", "123456"));
  const refused = expectConnected("intruder")(log);
  assert.equal(refused.ok, false);
  assert.equal(
    refused.message.en,
    "The broker refused intruder: CONNACK return code 4 (bad user name or password)",
  );
  const student = client("student");
  student(connect("student-01", "student", "prechin2024"));
  // the PBKDF2 check runs on the host: wait for its CONNACK
  for (let i = 0; i < 200 && !log.packets.some((p) => p.to === "student"); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(expectConnected("student")(log).ok, true);
  student(subscribe("esp32/publish"));
  const acl = expectSubscribed("student", "esp32/publish")(log);
  assert.equal(acl.ok, false);
  assert.equal(acl.message.zh, "服务器拒绝了 student 对 esp32/publish 的订阅（SUBACK 0x80）");
});

Deno.test("the QoS 2 check names where umqtt.simple's handshake stops", async () => {
  const run = await runLesson("09");
  const withoutDesktop = {
    ...run.log,
    packets: run.log.packets.filter((p) => p.from !== "mqttx" && p.to !== "mqttx"),
  };
  const r = checks["qos2-handshake"](withoutDesktop);
  assert.equal(r.ok, false);
  assert.equal(r.message.en, "sender's QoS 2 handshake stopped at PUBREC: no PUBREL yet");
  assert.equal(r.message.zh, "sender 的 QoS 2 握手停在了 PUBREC：还没有 PUBREL");
});
