import assert from "node:assert/strict";
import { encode } from "../broker/codec/mod.ts";
import { Broker } from "../broker/mod.ts";
import { VirtualClock } from "../sim/mod.ts";
import { FollowingTcpListener } from "./tcp_listener.ts";

const CONNECT = encode({
  type: "CONNECT",
  protocolName: "MQTT",
  protocolLevel: 4,
  cleanStart: true,
  keepaliveS: 0,
  clientId: "probe",
}, 4);

/** Connects over real TCP and returns the first bytes the broker answers (none if closed). */
async function connackFrom(port: number): Promise<number[]> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(CONNECT);
    const buf = new Uint8Array(4);
    const n = await conn.read(buf);
    return [...buf.subarray(0, n ?? 0)];
  } catch {
    return []; // reset by the server
  } finally {
    conn.close();
  }
}

Deno.test("the TCP listener hands new connections to the broker it follows now", async () => {
  const clock = new VirtualClock();
  const first = new Broker({ clock });
  const second = new Broker({ clock });
  const listener = new FollowingTcpListener("127.0.0.1", 0);
  try {
    listener.follow(first);
    const port = listener.port;
    assert.deepEqual(await connackFrom(port), [0x20, 0x02, 0x00, 0x00]);
    listener.follow(second);
    let answer: number[] = [];
    for (let i = 0; i < 100 && answer.length === 0; i++) {
      answer = await connackFrom(port).catch(() => []);
      if (answer.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    assert.deepEqual(answer, [0x20, 0x02, 0x00, 0x00]);
    assert.equal(listener.port, port);
    assert.deepEqual(second.tap.recent().map((ev) => ev.packet.type).slice(0, 2), [
      "CONNECT",
      "CONNACK",
    ]);
    assert.equal(first.tap.recent().length, 2, "the first broker heard only the first probe");
  } finally {
    listener.close();
    first.close();
    second.close();
  }
});

Deno.test("while the broker is down, connections are closed without an answer", async () => {
  const clock = new VirtualClock();
  const broker = new Broker({ clock });
  const listener = new FollowingTcpListener("127.0.0.1", 0);
  try {
    listener.follow(broker);
    const port = listener.port;
    listener.follow(undefined);
    assert.deepEqual(await connackFrom(port), []);
  } finally {
    listener.close();
    broker.close();
  }
});

Deno.test("after being down, the listener serves the next broker on the same port", async () => {
  const clock = new VirtualClock();
  const first = new Broker({ clock });
  const second = new Broker({ clock });
  const listener = new FollowingTcpListener("127.0.0.1", 0);
  try {
    listener.follow(first);
    const port = listener.port;
    listener.follow(undefined); // a broker restart fault
    listener.follow(second);
    assert.deepEqual(await connackFrom(port), [0x20, 0x02, 0x00, 0x00]);
    assert.equal(second.tap.recent()[0].packet.type, "CONNECT");
  } finally {
    listener.close();
    first.close();
    second.close();
  }
});

Deno.test("a port in use is refused at start-up with a line naming --mqtt-port", () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (taken.addr as Deno.NetAddr).port;
    assert.throws(() => new FollowingTcpListener("127.0.0.1", port), /--mqtt-port/);
  } finally {
    taken.close();
  }
});
