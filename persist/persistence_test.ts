import assert from "node:assert/strict";
import { encode, type Packet } from "../broker/codec/mod.ts";
import { TEXTBOOK_PUBSUB, World } from "../devices/mod.ts";
import { type BoardInput, SessionRecorder } from "../replay/mod.ts";
import { sToUs } from "../sim/mod.ts";
import { type BoardFileMap, Persistence, type RestoreSink } from "./mod.ts";

const text = (s: string) => new TextEncoder().encode(s);

/** A stand-in for the host's MicroPython: board name -> files. */
function fakePrograms(files = new Map<string, BoardFileMap>()) {
  return {
    files,
    python: (board: { name: string }) => {
      const f = files.get(board.name);
      return f
        ? { files: { snapshot: () => ({ ...f }) }, interrupt() {}, replInput: () => false }
        : undefined;
    },
    restoreFiles: (board: { name: string }, f: BoardFileMap) => void files.set(board.name, f),
    runPython: (board: { name: string }, source: string) =>
      void files.set(board.name, { "main.py": source }),
  };
}

async function withDir(body: (root: string) => Promise<void>) {
  const root = await Deno.makeTempDir();
  try {
    await body(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("a restart keeps retained messages, persistent sessions and students' programs", () =>
  withDir(async (root) => {
    // first run: a real-ish client with clean_session=false subscribes and goes away,
    // a retained message, and a student uploads main.py to the publisher
    const first = await Persistence.open(root);
    const world = new World(TEXTBOOK_PUBSUB, { seed: 1 });
    const programs = fakePrograms();
    first.follow(world, programs);
    world.start();
    await world.runUntil(sToUs(3));
    const client = world.broker!.attach({
      transport: "tcp",
      remoteAddress: "10.0.0.2:4000",
      send: () => {},
      close: () => {},
    });
    const send = (p: Packet) => client.receive(encode(p, 4));
    send({
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: false,
      keepaliveS: 0,
      clientId: "phone",
    });
    send({ type: "SUBSCRIBE", packetId: 1, subscriptions: [{ topicFilter: "led/#", qos: 1 }] });
    send({ type: "DISCONNECT" });
    const other = world.broker!.attach({
      transport: "tcp",
      remoteAddress: "10.0.0.3:4000",
      send: () => {},
      close: () => {},
    });
    other.receive(encode({
      type: "CONNECT",
      protocolName: "MQTT",
      protocolLevel: 4,
      cleanStart: true,
      keepaliveS: 0,
      clientId: "teacher",
    }, 4));
    other.receive(encode({
      type: "PUBLISH",
      dup: false,
      qos: 1,
      retain: true,
      topic: "led/1",
      packetId: 3,
      payload: text("on"),
    }, 4));
    programs.files.set("publisher", { "main.py": "print('mine')", "boot.py": "" });
    first.programChanged("publisher");
    await first.close();
    world.close();

    // second run: a new host process on the same folder
    const second = await Persistence.open(root);
    const again = new World(TEXTBOOK_PUBSUB, { seed: 1 });
    const restored: [string, BoardInput][] = [];
    const programs2 = fakePrograms();
    second.follow(again, programs2, {
      board: (name, input) => {
        restored.push([name, input]);
        if (input.action === "files") programs2.files.set(name, input.files);
      },
      importBrokerState: (state) => again.broker!.importState(state),
    });
    assert.deepEqual(restored, [["publisher", {
      action: "files",
      files: { "main.py": "print('mine')", "boot.py": "" },
    }]]);
    const snap = again.broker!.snapshot();
    const phone = snap.clients.find((c) => c.clientId === "phone");
    assert.ok(phone, "the persistent session is back");
    assert.equal(phone.connected, false);
    assert.equal(phone.queued, 1, "the retained QoS 1 message waits for the phone");
    assert.deepEqual(phone.subscriptions.map((s) => [s.filter, s.qos]), [["led/#", 1]]);
    assert.deepEqual(
      snap.retained.map((m) => [m.topic, new TextDecoder().decode(m.payload)]),
      [["led/1", "on"]],
    );
    await second.close();
    again.close();
  }));

Deno.test("lesson progress: put, get, and refusals", () =>
  withDir(async (root) => {
    const p = await Persistence.open(root);
    assert.equal(await p.progress.get("03-publisher"), undefined);
    await p.progress.put("03-publisher", { step: 2, passed: ["connect"] });
    const reopened = await Persistence.open(root);
    assert.deepEqual(await reopened.progress.get("03-publisher"), {
      step: 2,
      passed: ["connect"],
    });
    await assert.rejects(() => p.progress.put("../x", {}), /must be 1-64 letters/);
    await assert.rejects(() => p.progress.put("big", "x".repeat(20_000)), /at most 16384/);
  }));

Deno.test("restoring through the SessionRecorder puts the restore in the recording", () =>
  withDir(async (root) => {
    const first = await Persistence.open(root);
    const w1 = new World(TEXTBOOK_PUBSUB, { seed: 1 });
    const programs = fakePrograms();
    first.follow(w1, programs);
    programs.files.set("subscriber", { "main.py": "print(1)" });
    first.programChanged("subscriber");
    await first.close();
    w1.close();

    const second = await Persistence.open(root);
    const recorder = new SessionRecorder();
    const w2 = new World(TEXTBOOK_PUBSUB, { seed: 1, wallTimebase: recorder.wallTimebase });
    const programs2 = fakePrograms();
    recorder.follow(w2, programs2);
    const sink: RestoreSink = recorder;
    second.follow(w2, programs2, sink);
    const file = await recorder.session();
    assert.deepEqual(
      file.inputs.map((i) => [i.kind, i.afterEvents, i.kind === "board" ? i.action : ""]),
      [["board", 0, "files"], ["broker-state", 0, ""]],
    );
    assert.deepEqual(programs2.files.get("subscriber"), { "main.py": "print(1)" });
    await second.close();
    w2.close();
  }));
