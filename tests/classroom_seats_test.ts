/**
 * Seats against the real broker over real sockets (issue 9, "Seats"): mosquitto_pub /
 * mosquitto_sub (Debian) under 3.1.1 and MQTT.js under 5.0 log in with a seat's password,
 * publish in the seat's tree (delivered) and outside it (refused), and a wrong password or
 * no user at all is refused with the broker's CONNACK codes.
 */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { makeSeats, type Seats, seededBytes } from "../classroom/mod.ts";
import { NO_SANITIZERS, serveBroker, type Served, until } from "./broker_peers.ts";

const HAVE_CLIENTS = (() => {
  try {
    return Deno.statSync("/usr/bin/mosquitto_sub").isFile;
  } catch {
    return false;
  }
})();

const decoder = new TextDecoder();
// Few PBKDF2 iterations: the test is about the ACL and the codes, not the hash cost.
const seatsFor = () => makeSeats(4, { random: seededBytes(2026), iterations: 1000 });

function run(args: string[]) {
  return new Deno.Command(args[0], { args: args.slice(1), stdout: "piped", stderr: "piped" })
    .output();
}

/** The teacher, subscribed to everything, records what the broker delivers. */
async function teacherWatching(s: Served, seats: Seats) {
  const teacher = await mqtt.connectAsync(`mqtt://127.0.0.1:${s.port}`, {
    protocolVersion: 5,
    reconnectPeriod: 0,
    clientId: "teacher-view",
    username: "teacher",
    password: seats.teacher.password,
  });
  const got: string[] = [];
  teacher.on("message", (topic, payload) => got.push(`${topic} ${payload}`));
  const granted = await teacher.subscribeAsync("#", { qos: 1 });
  assert.equal(granted[0].qos, 1, "the teacher may subscribe to #");
  return { teacher, got };
}

Deno.test({
  name: "seats over mosquitto_pub/sub (3.1.1): own tree delivered, another seat's refused",
  ignore: !HAVE_CLIENTS,
  ...NO_SANITIZERS,
  async fn() {
    const seats = await seatsFor();
    const s = serveBroker(seats.config);
    const { teacher, got } = await teacherWatching(s, seats);
    try {
      const seat = seats.seats[2]; // seat03
      const login = ["-h", "127.0.0.1", "-p", String(s.port), "-V", "mqttv311"];
      const creds = ["-u", seat.username, "-P", seat.password];
      const sub = run([
        "mosquitto_sub",
        ...login,
        ...creds,
        "-t",
        "class/seat03/#",
        "-C",
        "1",
        "-v",
      ]);
      await until(
        () =>
          s.broker.snapshot().clients.some((c) =>
            c.subscriptions.some((x) => x.filter === "class/seat03/#")
          ),
        "mosquitto_sub to subscribe",
      );
      // Outside the tree first, then inside: the teacher sees them in the order the broker
      // handled them, so when the second arrives the first would already have.
      for (const topic of ["class/seat04/led", "class/seat03/led"]) {
        const pub = await run(["mosquitto_pub", ...login, ...creds, "-t", topic, "-m", "on"]);
        // 3.1.1 has no way to refuse a PUBLISH: the broker drops it ([MQTT-3.3.5-2]).
        assert.equal(pub.code, 0, decoder.decode(pub.stderr));
      }
      const out = await sub;
      assert.equal(out.code, 0, decoder.decode(out.stderr));
      assert.equal(decoder.decode(out.stdout), "class/seat03/led on\n");
      await until(() => got.includes("class/seat03/led on"), "the teacher to see seat03's message");
      assert.ok(!got.includes("class/seat04/led on"), `refused message delivered: ${got}`);

      const wrong = await run([
        "mosquitto_pub",
        ...login,
        "-u",
        seat.username,
        "-P",
        "nope-nope",
        "-t",
        "class/seat03/x",
        "-m",
        "1",
      ]);
      assert.notEqual(wrong.code, 0);
      assert.match(decoder.decode(wrong.stderr), /bad user ?name or password/i); // CONNACK 4
      const anonymous = await run(["mosquitto_pub", ...login, "-t", "class/public/x", "-m", "1"]);
      assert.notEqual(anonymous.code, 0);
      assert.match(decoder.decode(anonymous.stderr), /not authori[sz]ed/i); // CONNACK 5
    } finally {
      await teacher.endAsync();
      await s.close();
    }
  },
});

Deno.test({
  name: "seats over MQTT.js (5.0): PUBACK 0x87 outside the tree, SUBACK 0x87, CONNACK 0x86",
  ...NO_SANITIZERS,
  async fn() {
    const seats = await seatsFor();
    const s = serveBroker(seats.config);
    const { teacher, got } = await teacherWatching(s, seats);
    const url = `mqtt://127.0.0.1:${s.port}`;
    try {
      const seat = seats.seats[1]; // seat02
      const client = await mqtt.connectAsync(url, {
        protocolVersion: 5,
        reconnectPeriod: 0,
        clientId: "seat02-board",
        username: seat.username,
        password: seat.password,
      });
      const pubacks: number[] = [];
      client.on("packetreceive", (p) => {
        if (p.cmd === "puback") pubacks.push(p.reasonCode ?? 0);
      });
      const publish = (topic: string) =>
        client.publishAsync(topic, "on", { qos: 1 }).catch((e: Error) => e);
      await publish("class/seat01/led");
      await publish("class/seat02/led");
      await publish("class/public/chat");
      await until(() => pubacks.length === 3, "three PUBACKs");
      assert.deepEqual(pubacks, [0x87, 0x00, 0x00]); // Not authorized, Success, Success
      await until(() => got.length >= 2, "the teacher to see two messages");
      assert.deepEqual(got, ["class/seat02/led on", "class/public/chat on"]);

      // MQTT.js rejects a SUBACK holding any failure: read the codes off the wire.
      const subacks: number[][] = [];
      client.on("packetreceive", (p) => {
        if (p.cmd === "suback") subacks.push(p.granted as number[]);
      });
      await client.subscribeAsync(["class/seat01/#", "class/seat02/#"]).catch(() => {});
      await until(() => subacks.length === 1, "the SUBACK");
      assert.deepEqual(subacks[0], [0x87, 0x00]); // Not authorized, Granted QoS 0
      await client.endAsync();

      for (const [password, code] of [["nope-nope", 0x86], [undefined, 0x87]] as const) {
        const refused = await mqtt.connectAsync(url, {
          protocolVersion: 5,
          reconnectPeriod: 0,
          ...(password && { username: seat.username, password }),
        }).then(() => undefined, (e: { code?: number }) => e);
        assert.equal(refused?.code, code, `CONNACK for ${password ?? "anonymous"}`);
      }
    } finally {
      await teacher.endAsync();
      await s.close();
    }
  },
});
