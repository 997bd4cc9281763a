/** mosquitto_pub and mosquitto_sub (Debian mosquitto-clients) against the broker, 3.1.1 and 5. */
import assert from "node:assert/strict";
import { hashPassword } from "../broker/mod.ts";
import { NO_SANITIZERS, serveBroker, type Served, until } from "./broker_peers.ts";

const HAVE_CLIENTS = (() => {
  try {
    return Deno.statSync("/usr/bin/mosquitto_sub").isFile;
  } catch {
    return false;
  }
})();

const decoder = new TextDecoder();

function run(cmd: string, args: string[]) {
  return new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
}

function subscribed(s: Served, filter: string) {
  return () =>
    s.broker.snapshot().clients.some((c) => c.subscriptions.some((x) => x.filter === filter));
}

for (const [version, flag] of [["3.1.1", "mqttv311"], ["5", "mqttv5"]] as const) {
  Deno.test({
    name: `mosquitto_sub and mosquitto_pub (MQTT ${version}): QoS 1 message and retained`,
    ignore: !HAVE_CLIENTS,
    ...NO_SANITIZERS,
    async fn() {
      const s = serveBroker();
      try {
        const port = String(s.port);
        const sub = run("mosquitto_sub", [
          "-h",
          "127.0.0.1",
          "-p",
          port,
          "-V",
          flag,
          "-q",
          "1",
          "-t",
          "class/+/msg",
          "-C",
          "2",
          "-v",
        ]);
        await until(subscribed(s, "class/+/msg"), "mosquitto_sub to subscribe");
        const pub1 = await run("mosquitto_pub", [
          "-h",
          "127.0.0.1",
          "-p",
          port,
          "-V",
          flag,
          "-q",
          "1",
          "-t",
          "class/a/msg",
          "-m",
          "Hello PRECHIN",
        ]);
        assert.equal(pub1.code, 0, decoder.decode(pub1.stderr));
        await run("mosquitto_pub", [
          "-h",
          "127.0.0.1",
          "-p",
          port,
          "-V",
          flag,
          "-q",
          "2",
          "-r",
          "-t",
          "class/b/msg",
          "-m",
          "kept",
        ]);
        const out = await sub;
        assert.equal(out.code, 0, decoder.decode(out.stderr));
        assert.equal(decoder.decode(out.stdout), "class/a/msg Hello PRECHIN\nclass/b/msg kept\n");
        const late = await run("mosquitto_sub", [
          "-h",
          "127.0.0.1",
          "-p",
          port,
          "-V",
          flag,
          "-t",
          "class/b/msg",
          "-C",
          "1",
        ]);
        assert.equal(decoder.decode(late.stdout), "kept\n");
      } finally {
        await s.close();
      }
    },
  });

  Deno.test({
    name: `mosquitto_pub (MQTT ${version}): a wrong password is refused, the right one accepted`,
    ignore: !HAVE_CLIENTS,
    ...NO_SANITIZERS,
    async fn() {
      const passwordHash = await hashPassword("public", new Uint8Array([9, 8, 7, 6]), 1000);
      const s = serveBroker({
        allowAnonymous: false,
        users: [{ username: "esp32", passwordHash }],
      });
      try {
        const base = ["-h", "127.0.0.1", "-p", String(s.port), "-V", flag, "-t", "t", "-m", "x"];
        const wrong = await run("mosquitto_pub", [...base, "-u", "esp32", "-P", "nope"]);
        assert.notEqual(wrong.code, 0);
        assert.match(decoder.decode(wrong.stderr), /bad user ?name or password/i);
        const anonymous = await run("mosquitto_pub", base);
        assert.notEqual(anonymous.code, 0);
        assert.match(decoder.decode(anonymous.stderr), /not authori[sz]ed/i);
        const right = await run("mosquitto_pub", [...base, "-u", "esp32", "-P", "public"]);
        assert.equal(right.code, 0, decoder.decode(right.stderr));
      } finally {
        await s.close();
      }
    },
  });
}

Deno.test({
  name: "mosquitto_sub reads $SYS/broker/clients/connected",
  ignore: !HAVE_CLIENTS,
  ...NO_SANITIZERS,
  async fn() {
    const s = serveBroker();
    try {
      const out = await run("mosquitto_sub", [
        "-h",
        "127.0.0.1",
        "-p",
        String(s.port),
        "-t",
        "$SYS/broker/clients/connected",
        "-C",
        "1",
      ]);
      assert.equal(decoder.decode(out.stdout), "1\n");
    } finally {
      await s.close();
    }
  },
});
