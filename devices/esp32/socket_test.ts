import assert from "node:assert/strict";
import { rig } from "./_test_rig.ts";
import { ECONNRESET, EHOSTUNREACH, ENOTCONN, OSError } from "./socket.ts";
import type { StreamEnd } from "../../sim/mod.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => b === null ? null : new TextDecoder().decode(b);

function joined() {
  const r = rig();
  r.board.wlan().active(true);
  r.board.wlan().connect("ssid", "12345678");
  r.clock.runUntilIdle();
  const server: StreamEnd[] = [];
  r.network.listen("*", "*", (end) => {
    server.push(end);
    end.setHandlers({ data: (b) => end.send(b), closed: () => {} });
  });
  return { ...r, server };
}

Deno.test("socket connects, echoes, reports would-block as null", () => {
  const { board, clock, server } = joined();
  const ip = board.getaddrinfo("mq.tongxinmao.com");
  const s = board.socket();
  s.connect(ip, 18830);
  assert.equal(s.connectPending, true);
  clock.runUntilIdle();
  s.connectResult();
  assert.equal(s.recv(10), null);
  s.send(bytes("hello"));
  clock.runUntilIdle();
  assert.equal(s.readable, true);
  assert.equal(text(s.recv(3)), "hel");
  assert.equal(text(s.recv(10)), "lo");
  assert.equal(server[0].localAddress, "47.100.1.1:18830");
});

Deno.test("without WiFi: getaddrinfo raises -202 and connect EHOSTUNREACH", () => {
  const { board } = rig();
  assert.throws(() => board.getaddrinfo("mq.tongxinmao.com"), (e: OSError) => e.errno === -202);
  assert.throws(
    () => board.socket().connect("1.2.3.4", 1883),
    (e: OSError) => e.errno === EHOSTUNREACH,
  );
});

Deno.test("a WiFi drop fails the next send with ECONNRESET, then ENOTCONN", () => {
  const { board, clock, network } = joined();
  const s = board.socket();
  s.connect("47.100.1.1", 1883);
  clock.runUntilIdle();
  network.dropWifi("b1");
  assert.throws(() => s.send(bytes("x")), (e: OSError) => e.errno === ECONNRESET);
  assert.throws(() => s.send(bytes("x")), (e: OSError) => e.errno === ENOTCONN);
  assert.equal(String(new OSError(ECONNRESET).message), "[Errno 104] ECONNRESET");
});

Deno.test("the peer closing gives EOF; the next send is lost, the one after is reset", () => {
  const { board, clock, server } = joined();
  const s = board.socket();
  s.connect("47.100.1.1", 1883);
  clock.runUntilIdle();
  server[0].close();
  clock.runUntilIdle();
  assert.equal(s.recv(1)?.length, 0);
  assert.equal(s.send(bytes("lost")), 4);
  assert.throws(() => s.send(bytes("x")), (e: OSError) => e.errno === ECONNRESET);
});
