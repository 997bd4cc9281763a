/** MQTT.js (npm:mqtt) against the broker over TCP and WebSocket, under 3.1.1 and 5. */
import assert from "node:assert/strict";
import mqtt from "mqtt";
import { NO_SANITIZERS, serveBroker, type Served, until } from "./broker_peers.ts";

type Version = 4 | 5;
type Via = "tcp" | "ws";

function url(s: Served, via: Via) {
  return via === "tcp" ? `mqtt://127.0.0.1:${s.port}` : s.wsUrl;
}

function client(s: Served, via: Via, protocolVersion: Version, opts: mqtt.IClientOptions = {}) {
  return mqtt.connectAsync(url(s, via), {
    protocolVersion,
    reconnectPeriod: 0,
    connectTimeout: 2000,
    ...opts,
  });
}

for (const via of ["tcp", "ws"] as const) {
  for (const version of [4, 5] as const) {
    Deno.test(
      `MQTT.js v${version} over ${via}: QoS 0/1/2 and a retained message`,
      NO_SANITIZERS,
      async () => {
        const s = serveBroker();
        try {
          const sub = await client(s, via, version, { clientId: "sub" });
          const got: string[] = [];
          sub.on("message", (topic, payload, packet) => {
            got.push(`${topic}:${payload}:q${packet.qos}:r${packet.retain ? 1 : 0}`);
          });
          const pub = await client(s, via, version, { clientId: "pub" });
          await pub.publishAsync("kept", "old", { qos: 1, retain: true });
          await sub.subscribeAsync({ "t/+": { qos: 2 }, kept: { qos: 1 } });
          await pub.publishAsync("t/0", "zero", { qos: 0 });
          await pub.publishAsync("t/1", "one", { qos: 1 });
          await pub.publishAsync("t/2", "two", { qos: 2 });
          await until(() => got.length >= 4, "four messages");
          assert.deepEqual(got.sort(), [
            "kept:old:q1:r1",
            "t/0:zero:q0:r0",
            "t/1:one:q1:r0",
            "t/2:two:q2:r0",
          ]);
          await pub.endAsync();
          await sub.endAsync();
        } finally {
          await s.close();
        }
      },
    );

    Deno.test(
      `MQTT.js v${version} over ${via}: the will is published when the socket drops`,
      NO_SANITIZERS,
      async () => {
        const s = serveBroker();
        try {
          const watcher = await client(s, via, version, { clientId: "watcher" });
          const got: string[] = [];
          watcher.on("message", (topic, payload) => got.push(`${topic}:${payload}`));
          await watcher.subscribeAsync("status/#", { qos: 1 });
          const dying = await client(s, via, version, {
            clientId: "dying",
            will: { topic: "status/dying", payload: "offline", qos: 1, retain: false },
          });
          dying.stream.destroy(); // no DISCONNECT
          await until(() => got.length === 1, "the will");
          assert.deepEqual(got, ["status/dying:offline"]);
          dying.end(true);
          await watcher.endAsync();
        } finally {
          await s.close();
        }
      },
    );

    Deno.test(
      `MQTT.js v${version} over ${via}: a persistent session gets what it missed`,
      NO_SANITIZERS,
      async () => {
        const s = serveBroker();
        try {
          const persistentOpts: mqtt.IClientOptions = version === 5
            ? { clientId: "p", clean: false, properties: { sessionExpiryInterval: 300 } }
            : { clientId: "p", clean: false };
          const p1 = await client(s, via, version, persistentOpts);
          await p1.subscribeAsync("inbox", { qos: 1 });
          await p1.endAsync();
          const pub = await client(s, via, version, { clientId: "pub" });
          await pub.publishAsync("inbox", "while you were out", { qos: 1 });
          const got: string[] = [];
          const p2 = mqtt.connect(url(s, via), {
            protocolVersion: version,
            reconnectPeriod: 0,
            ...persistentOpts,
          });
          p2.on("message", (_t, payload) => got.push(String(payload)));
          let sessionPresent = false;
          p2.on("connect", (ack) => sessionPresent = ack.sessionPresent);
          await until(() => got.length === 1, "the queued message");
          assert.equal(sessionPresent, true);
          assert.deepEqual(got, ["while you were out"]);
          await p2.endAsync();
          await pub.endAsync();
        } finally {
          await s.close();
        }
      },
    );
  }

  Deno.test(
    `MQTT.js v5 over ${via}: shared subscriptions and topic aliases`,
    NO_SANITIZERS,
    async () => {
      const s = serveBroker();
      try {
        const a = await client(s, via, 5, { clientId: "a" });
        const b = await client(s, via, 5, { clientId: "b" });
        const got = { a: [] as string[], b: [] as string[] };
        a.on("message", (_t, p) => got.a.push(String(p)));
        b.on("message", (_t, p) => got.b.push(String(p)));
        await a.subscribeAsync("$share/workers/jobs", { qos: 1 });
        await b.subscribeAsync("$share/workers/jobs", { qos: 1 });
        const aliasSub = await client(s, via, 5, {
          clientId: "alias-sub",
          properties: { topicAliasMaximum: 5 },
        });
        const aliased: string[] = [];
        aliasSub.on("message", (t, p) => aliased.push(`${t}:${p}`));
        await aliasSub.subscribeAsync("a/very/long/topic/name", { qos: 0 });
        const pub = await client(s, via, 5, { clientId: "pub" });
        for (let i = 0; i < 4; i++) await pub.publishAsync("jobs", `job${i}`, { qos: 1 });
        await pub.publishAsync("a/very/long/topic/name", "1", { properties: { topicAlias: 1 } });
        await pub.publishAsync("", "2", { properties: { topicAlias: 1 } });
        await until(
          () => got.a.length + got.b.length === 4 && aliased.length === 2,
          "jobs and aliases",
        );
        assert.equal(got.a.length, 2);
        assert.equal(got.b.length, 2);
        assert.deepEqual(aliased, ["a/very/long/topic/name:1", "a/very/long/topic/name:2"]);
        const outAliases = s.broker.tap.recent().filter((e) =>
          e.direction === "out" && e.packet.type === "PUBLISH" && e.packet.properties?.topicAlias
        );
        assert.ok(outAliases.length >= 2, "the broker used topic aliases towards alias-sub");
        for (const c of [a, b, aliasSub, pub]) await c.endAsync();
      } finally {
        await s.close();
      }
    },
  );
}

Deno.test(
  "MQTT.js with MQTT 3.1 (MQIsdp) over tcp: connect, subscribe, QoS 1",
  NO_SANITIZERS,
  async () => {
    const s = serveBroker();
    try {
      const opts = { protocolId: "MQIsdp", protocolVersion: 3 } as mqtt.IClientOptions;
      const c = await mqtt.connectAsync(url(s, "tcp"), {
        ...opts,
        clientId: "old",
        reconnectPeriod: 0,
      });
      const got: string[] = [];
      c.on("message", (t, p) => got.push(`${t}:${p}`));
      await c.subscribeAsync("legacy", { qos: 1 });
      await c.publishAsync("legacy", "3.1", { qos: 1 });
      await until(() => got.length === 1, "the message");
      assert.deepEqual(got, ["legacy:3.1"]);
      assert.equal(s.broker.snapshot().clients[0].level, 3);
      await c.endAsync();
    } finally {
      await s.close();
    }
  },
);
