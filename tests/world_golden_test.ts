/**
 * Determinism: the same scenario and seed give a byte-identical jsonl log. The golden file
 * pins `textbook-pubsub`; after an intended change, regenerate it with
 *   deno task sim textbook-pubsub --format jsonl --seed 1 > tests/golden/textbook-pubsub.jsonl
 * and read the diff.
 */
import assert from "node:assert/strict";
import {
  eventRecord,
  jsonRecord,
  packetRecord,
  type Scenario,
  TEMPERATURE_SENSORS,
  TEXTBOOK_PUBSUB,
  World,
} from "../devices/mod.ts";

async function log(scenario: Scenario, seed: number, untilUs: number): Promise<string> {
  const world = new World(scenario, { seed });
  const lines: string[] = [];
  world.addPacketListener((p) => lines.push(jsonRecord(packetRecord(p))));
  world.addListener((e) => {
    const record = eventRecord(e);
    if (record) lines.push(jsonRecord(record));
  });
  world.start();
  await world.runUntil(untilUs);
  world.close();
  return lines.join("\n") + "\n";
}

Deno.test("same scenario and seed give the same log; another seed moves the WiFi timings", async () => {
  const a = await log(TEMPERATURE_SENSORS, 7, 20_000_000);
  const b = await log(TEMPERATURE_SENSORS, 7, 20_000_000);
  const c = await log(TEMPERATURE_SENSORS, 8, 20_000_000);
  assert.equal(a, b);
  assert.notEqual(a, c);
});

Deno.test("`deno task sim textbook-pubsub --format jsonl` matches the golden file byte for byte", async () => {
  const golden = await Deno.readTextFile(
    new URL("./golden/textbook-pubsub.jsonl", import.meta.url),
  );
  const inProcess = await log(TEXTBOOK_PUBSUB, 1, TEXTBOOK_PUBSUB.untilMs! * 1000);
  assert.equal(inProcess, golden);
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/sim.ts", "textbook-pubsub", "--format", "jsonl", "--seed", "1"],
    cwd: new URL("..", import.meta.url),
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.equal(code, 0);
  assert.equal(new TextDecoder().decode(stdout), golden);
});
