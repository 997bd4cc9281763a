import assert from "node:assert/strict";
import { TEXTBOOK_PUBSUB, World } from "../devices/mod.ts";
import { sToUs } from "../sim/mod.ts";
import { frames, ManualWall } from "./_test_kit.ts";
import { SessionRecorder } from "./recorder.ts";
import { replaySession } from "./replayer.ts";
import { parseSession, type SessionFile } from "./session_file.ts";

const TOPIC = "/public/pz_esp32/1";

/** The textbook pair, a "real" client (a tcp link in memory) and a reset by the API. */
async function record(): Promise<SessionFile> {
  const wall = new ManualWall();
  const recorder = new SessionRecorder({ wall, nowIso: () => "2026-01-01T00:00:00.000Z" });
  const world = new World(TEXTBOOK_PUBSUB, { seed: 7, wallTimebase: recorder.wallTimebase });
  recorder.follow(world);
  world.start();
  await world.runUntil(sToUs(9.5) + 123);
  const sent: Uint8Array[] = [];
  let closedByBroker = false;
  const link = recorder.realClients(world.broker!).attach({
    transport: "tcp",
    remoteAddress: "192.168.1.50:50123",
    send: (b) => sent.push(b),
    close: () => void (closedByBroker = true),
    bufferedAmount: 0,
  });
  link.receive(frames.connect("mqttx-real", 2));
  await world.runUntil(sToUs(10));
  link.receive(frames.subscribe(TOPIC));
  link.receive(frames.publish(TOPIC, "hello from MQTTX"));
  await world.step(); // inputs also land between two events of the same run
  const reset = await recorder.board("publisher", { action: "hard-reset" });
  assert.deepEqual(reset, { ok: true });
  await world.runUntil(sToUs(14));
  wall.advance(sToUs(3.1)); // no PINGREQ for 3.1 s of wall time: keep-alive (2 s x 1.5) ends it
  assert.ok(closedByBroker, "the broker closed the silent real client");
  link.closed();
  await world.runUntil(sToUs(20));
  const file = await recorder.session();
  world.close();
  return file;
}

Deno.test("replaySession() gives the recorded packets byte for byte, at the same times", async () => {
  const file = parseSession(JSON.stringify(await record()));
  const kinds = file.inputs.map((i) => i.kind);
  assert.deepEqual(kinds, [
    "connect",
    "data",
    "data",
    "data",
    "board",
    "wall-timer", // the keep-alive check: idle 3.1 s >= 3 s
    "close",
  ]);
  const fromReal = file.packets.filter((p) => p.from === "192.168.1.50:50123");
  assert.equal(fromReal.length, 3, "CONNECT, SUBSCRIBE, PUBLISH from the real client");
  const replay = await replaySession(file);
  try {
    replay.check();
    assert.deepEqual(replay.packets, file.packets);
    assert.equal(replay.world.clock.nowUs, file.end.atUs);
    assert.equal(replay.world.clock.firedTotal, file.end.afterEvents);
  } finally {
    replay.close();
  }
});

Deno.test("check() names the first packet that differs from a tampered recording", async () => {
  const file = await record();
  const i = file.packets.findIndex((p) => p.from === "192.168.1.50:50123");
  const tampered: SessionFile = {
    ...file,
    packets: file.packets.map((p, j) => j === i + 5 ? { ...p, atUs: p.atUs + 1 } : p),
  };
  const replay = await replaySession(tampered);
  try {
    assert.throws(() => replay.check(), new RegExp(`at packet ${i + 5}:`));
  } finally {
    replay.close();
  }
});

Deno.test("a replay without the real client's input diverges and says so", async () => {
  const file = await record();
  const dropped: SessionFile = {
    ...file,
    inputs: file.inputs.filter((i) => !(i.kind === "data" && i === file.inputs[2])),
  };
  const replay = await replaySession(dropped).catch((e) => e as Error);
  if (replay instanceof Error) {
    assert.match(replay.message, /diverged|Replay/);
    return;
  }
  try {
    assert.ok(replay.mismatch(), "the packets differ");
  } finally {
    replay.close();
  }
});

Deno.test("parseSession() refuses other formats and versions with the reason", () => {
  assert.throws(() => parseSession("{"), /not JSON/);
  assert.throws(() => parseSession({ format: "pcap" }), /format must be/);
  assert.throws(
    () => parseSession({ format: "mqtt-playground-session", version: 9 }),
    /version 9 is not supported/,
  );
});

Deno.test("broker state restored before the run (persist/) is recorded and replayed", async () => {
  const saved = (() => {
    const w = new World(TEXTBOOK_PUBSUB, { seed: 1 });
    const link = w.broker!.attach({
      transport: "tcp",
      remoteAddress: "10.0.0.1:1",
      send: () => {},
      close: () => {},
    });
    link.receive(frames.connect("keeper", 0, true));
    link.receive(frames.publishRetained("greeting", "kept across restarts"));
    const state = w.broker!.exportState();
    w.close();
    return state;
  })();
  const recorder = new SessionRecorder({ wall: new ManualWall() });
  const world = new World(TEXTBOOK_PUBSUB, { seed: 2, wallTimebase: recorder.wallTimebase });
  recorder.follow(world);
  await recorder.importBrokerState(saved);
  world.start();
  await world.runUntil(sToUs(3));
  const sent: Uint8Array[] = [];
  const link = recorder.realClients(world.broker!).attach({
    transport: "ws",
    remoteAddress: "10.0.0.7:80",
    send: (b) => sent.push(b),
    close: () => {},
  });
  link.receive(frames.connect("late", 0));
  link.receive(frames.subscribe("greeting"));
  await world.runUntil(sToUs(4));
  const file = await recorder.session();
  world.close();
  assert.equal(file.inputs[0].kind, "broker-state");
  const retainedOut = file.packets.filter((p) => p.to === "10.0.0.7:80" && p.hex.startsWith("31"));
  assert.equal(retainedOut.length, 1, "the restored retained message reached the client");
  const replay = await replaySession(JSON.stringify(file));
  try {
    replay.check();
    assert.deepEqual(replay.packets, file.packets);
  } finally {
    replay.close();
  }
});

Deno.test("faults applied live (wifi drop, latency, broker restart) are recorded and replayed", async () => {
  const recorder = new SessionRecorder();
  const world = new World(TEXTBOOK_PUBSUB, { seed: 9, wallTimebase: recorder.wallTimebase });
  recorder.follow(world);
  world.start();
  await world.runUntil(sToUs(12));
  const dropped = await recorder.fault({ atMs: 0, action: "wifi-drop", board: "subscriber" });
  assert.deepEqual(dropped, { ok: true });
  const slow = await recorder.fault({ atMs: 0, action: "latency", extraMs: 300 });
  assert.deepEqual(slow, { ok: true });
  const restart = await recorder.fault({ atMs: 0, action: "broker-restart", downMs: 2000 });
  assert.deepEqual(restart, { ok: true });
  await world.runUntil(sToUs(25));
  const file = await recorder.session();
  world.close();
  assert.deepEqual(file.inputs.map((i) => i.kind), ["fault", "fault", "fault"]);
  const replay = await replaySession(file);
  try {
    replay.check();
    assert.deepEqual(replay.packets, file.packets);
  } finally {
    replay.close();
  }
});
