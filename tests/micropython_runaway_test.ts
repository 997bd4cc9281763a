/**
 * A program that never calls into the kernel freezes the world's clock (lock-step), so the
 * runtime stops it by wall time: first a KeyboardInterrupt (the board's Ctrl-C), then, if
 * the program swallows that, a sure stop of its VM. The console says why, the other boards
 * go on, and a reset runs the board again.
 */
import assert from "node:assert/strict";
import { RUNAWAY_MESSAGE } from "../devices/micropython/mod.ts";
import { drain, fixture, rig } from "./micropython_rig.ts";

const PUBLISH_LOOP = fixture("publish_loop.py");

async function runaway(program: string) {
  const r = await rig([
    { name: "publisher", program: PUBLISH_LOOP },
    { name: "runaway", program, powerOnAtMs: 3000 },
  ]);
  r.world.start();
  await r.world.runUntil(2_999_000);
  const wallStart = performance.now();
  await r.world.runUntil(3_001_000); // the runaway board boots and spins: the world waits
  const stoppedAfterMs = performance.now() - wallStart;
  await r.world.runUntil(13_000_000);
  return { r, stoppedAfterMs };
}

function publishes(r: Awaited<ReturnType<typeof runaway>>["r"], fromUs: number, toUs: number) {
  return r.packets.filter((p) =>
    p.packet.type === "PUBLISH" && p.from === "publisher" && p.atUs > fromUs && p.atUs <= toUs
  ).length;
}

Deno.test("a runaway `while True: pass` is stopped within 2 s; the other board keeps publishing", async () => {
  const { r, stoppedAfterMs } = await runaway('print("spinning")\nwhile True:\n    pass\n');
  try {
    assert.ok(stoppedAfterMs < 2000, `stopped after ${stoppedAfterMs} ms`);
    const lines = r.console("runaway");
    assert.deepEqual(lines.slice(0, 5), [
      "spinning",
      "Traceback (most recent call last):",
      '  File "main.py", line 3, in <module>',
      "KeyboardInterrupt: ",
      RUNAWAY_MESSAGE,
    ]);
    assert.equal(publishes(r, 3_000_000, 13_000_000), 10);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("a runaway loop that swallows KeyboardInterrupt is halted for sure; a reset runs the board again", async () => {
  const program = `print("stubborn")
while True:
    try:
        while True:
            pass
    except:
        pass
`;
  const { r, stoppedAfterMs } = await runaway(program);
  try {
    assert.ok(stoppedAfterMs < 2000, `stopped after ${stoppedAfterMs} ms`);
    assert.equal(r.host("runaway").state, "stopped");
    assert.deepEqual(r.console("runaway").slice(0, 2), ["stubborn", RUNAWAY_MESSAGE]);
    assert.equal(publishes(r, 3_000_000, 13_000_000), 10);
    r.host("runaway").files.write("main.py", 'print("fixed")\n');
    r.host("runaway").softReset();
    await r.world.runUntil(14_000_000);
    assert.deepEqual(r.console("runaway").slice(-4, -2), ["MPY: soft reboot", "fixed"]);
    assert.equal(r.host("runaway").state, "repl");
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("a timer callback that spins is interrupted once, then the board is stopped", async () => {
  const program = `from machine import Timer
def spin(t):
    while True:
        pass
Timer(0).init(period=500, mode=Timer.PERIODIC, callback=spin)
print("armed")
`;
  const { r } = await runaway(program);
  try {
    assert.equal(r.host("runaway").state, "stopped");
    const lines = r.console("runaway");
    assert.equal(lines.filter((l) => l === RUNAWAY_MESSAGE).length, 2, lines.join("\n"));
    assert.ok(lines.includes('  File "main.py", line 4, in spin'), lines.join("\n"));
    assert.equal(publishes(r, 3_000_000, 13_000_000), 10);
  } finally {
    r.close();
    await drain();
  }
});
