/**
 * The board API on real MicroPython: a lesson's world with the textbook's .py
 * programs, main.py edited through the API, Ctrl-C, and the REPL.
 */
import assert from "node:assert/strict";
import { TEXTBOOK_PUBSUB } from "../devices/mod.ts";
import { EventBridge } from "./bridge.ts";
import { EventHub } from "./events.ts";
import { Pacer } from "./pacer.ts";
import { Playground } from "./playground.ts";
import { createApp } from "./server.ts";
import { worldPrograms } from "./world_programs.ts";

async function setup() {
  const playground = await Playground.create({
    scenario: TEXTBOOK_PUBSUB,
    programs: worldPrograms,
  });
  const hub = new EventHub();
  const bridge = new EventBridge({ hub, playground, endpoints: { ws: "/mqtt" } });
  const app = createApp({
    pacer: new Pacer(playground, { nowMs: () => 0 }),
    hub,
    world: { playground, bridge },
    bundle: { files: new Map(), entryPath: "/assets/main.js" },
  });
  const consoleOf = (board: string) => {
    const lines: string[] = [];
    playground.world.addListener((ev) => {
      if (ev.kind === "console" && ev.board === board) lines.push(ev.text);
    });
    return lines;
  };
  const post = (path: string, body?: unknown) =>
    app.request(path, { method: "POST", body: body === undefined ? "" : JSON.stringify(body) });
  return { app, playground, bridge, post, consoleOf };
}

const SANITIZE = { sanitizeOps: false, sanitizeResources: false };

Deno.test({
  name: "POST /api/scenario lesson-01 runs the textbook's own .py programs on MicroPython",
  ...SANITIZE,
  fn: async () => {
    const { app, playground, bridge, post } = await setup();
    try {
      const loaded = await post("/api/scenario", { id: "lesson-01" });
      assert.equal(loaded.status, 200, await loaded.clone().text());
      await playground.advanceTo(9_000_000);
      const publishes = bridge.recentRows(1_000).filter((r) =>
        r.type === "PUBLISH" && r.peer === "board:publisher"
      );
      assert.ok(publishes.length >= 2, `only ${publishes.length} PUBLISH from the publisher`);
      const files = await (await app.request("/api/boards/publisher/files")).json();
      assert.equal(files.micropython, true);
      assert.match(files.files["main.py"], /client\.publish\(TOPIC, "Hello PRECHIN"\)/);
      const view = bridge.worldView().boards.find((b) => b.name === "publisher")!;
      assert.equal(view.program.kind, "micropython");
      assert.equal(view.runState, "repl"); // main.py ended; its timer keeps publishing
    } finally {
      playground.close();
    }
  },
});

Deno.test({
  name: "POST program gives a built-in board a main.py; Ctrl-C stops it; the REPL answers",
  ...SANITIZE,
  fn: async () => {
    const { playground, post, consoleOf } = await setup();
    try {
      const lines = consoleOf("publisher");
      const tsInterrupt = await post("/api/boards/subscriber/interrupt");
      assert.equal(tsInterrupt.status, 409);
      assert.match((await tsInterrupt.json()).error, /built-in program/);

      const source =
        "import time\nprint('counting')\nn = 0\nwhile True:\n    n += 1\n    time.sleep_ms(100)\n";
      const sent = await post("/api/boards/publisher/program", { source });
      assert.equal(sent.status, 200);
      await playground.advanceTo(playground.nowUs + 2_000_000);
      assert.ok(lines.includes("counting"), lines.join("\n"));

      assert.equal((await post("/api/boards/publisher/interrupt")).status, 200);
      await playground.advanceTo(playground.nowUs + 500_000);
      assert.ok(lines.some((l) => l.includes("KeyboardInterrupt")), lines.join("\n"));

      const typed = await post("/api/boards/publisher/repl", { line: "print(n > 5)" });
      assert.equal(typed.status, 200, await typed.clone().text());
      await playground.advanceTo(playground.nowUs + 100_000);
      assert.ok(lines.includes("True"), lines.join("\n"));

      const badRepl = await post("/api/boards/publisher/repl", { nope: 1 });
      assert.equal(badRepl.status, 400);
      const badSource = await post("/api/boards/publisher/program", { source: 42 });
      assert.equal(badSource.status, 400);
    } finally {
      playground.close();
    }
  },
});
