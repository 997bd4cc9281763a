import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { Broker } from "./broker.ts";
import { virtualTimebase } from "./timebase.ts";
import { TestPeer } from "./_test_peer.ts";

Deno.test("real-socket links judge keep-alive on the injected wall timebase, boards on the virtual clock", () => {
  const clock = new VirtualClock();
  const wallClock = new VirtualClock(); // stands in for the host's wall time
  const broker = new Broker({
    clock,
    wallTimebase: virtualTimebase(wallClock),
    config: { sysIntervalS: 0 },
  });
  const real = new TestPeer(broker, 4, "tcp");
  real.connect("real", { keepaliveS: 10 });
  const board = new TestPeer(broker, 4, "virtual");
  board.connect("board", { keepaliveS: 10 });
  clock.advanceBy(60_000_000); // the world runs ahead: only the board times out
  assert.equal(board.closedByBroker, true);
  assert.equal(real.closedByBroker, false);
  real.send({ type: "PINGREQ" });
  // packets from real sockets are still stamped with virtual time
  assert.equal(broker.tap.recent().at(-1)!.atUs, 60_000_000);
  wallClock.advanceBy(15_000_000); // wall time passes: now the real client times out
  assert.equal(real.closedByBroker, true);
});

Deno.test("without a wall timebase, real sockets are never timed out by the virtual clock", () => {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config: { sysIntervalS: 0 } });
  const idle = new TestPeer(broker, 4, "tcp"); // never sends CONNECT
  const real = new TestPeer(broker, 4, "ws");
  real.connect("real", { keepaliveS: 1 });
  clock.advanceBy(3600 * 1_000_000); // an hour of world time at 100x is 36 s of real time
  assert.equal(idle.closedByBroker, false);
  assert.equal(real.closedByBroker, false);
  assert.equal(clock.nextEventAt(), undefined);
});
