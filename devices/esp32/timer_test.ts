import assert from "node:assert/strict";
import { rig, run } from "./_test_rig.ts";
import { TIMER_ONE_SHOT, TIMER_PERIODIC } from "./timer.ts";

Deno.test("a PERIODIC timer calls back every period without drift, with the timer", async () => {
  const r = rig();
  r.board.powerOn();
  const at: number[] = [];
  const t = r.board.timer(0);
  t.init({
    mode: TIMER_PERIODIC,
    periodMs: 1000,
    callback: (tim) => at.push(tim.id, r.clock.nowUs),
  });
  await run(r, 3_000_000);
  assert.deepEqual(at, [0, 1_000_000, 0, 2_000_000, 0, 3_000_000]);
  t.deinit();
  await run(r, 5_000_000);
  assert.equal(at.length, 6);
});

Deno.test("ONE_SHOT fires once; freq= sets the period; ids are 0..3", async () => {
  const r = rig();
  r.board.powerOn();
  let shots = 0;
  r.board.timer(1).init({ mode: TIMER_ONE_SHOT, periodMs: 10, callback: () => shots++ });
  let ticks = 0;
  r.board.timer(3).init({ freqHz: 100, callback: () => ticks++ });
  await run(r, 1_000_000);
  assert.equal(shots, 1);
  assert.equal(ticks, 100);
  assert.throws(() => r.board.timer(4), { name: "ValueError" });
});
