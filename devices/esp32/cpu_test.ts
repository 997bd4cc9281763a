import assert from "node:assert/strict";
import { rig, run } from "./_test_rig.ts";

Deno.test("wait() resumes at its deadline, and the world waits for the task to block again", async () => {
  const r = rig();
  const log: number[] = [];
  r.board.cpu.startMain(async () => {
    for (let i = 0; i < 3; i++) {
      await r.board.cpu.wait({ untilUs: r.clock.nowUs + 300_000 });
      log.push(r.clock.nowUs);
    }
  });
  await run(r, 10_000_000);
  assert.deepEqual(log, [300_000, 600_000, 900_000]);
  assert.equal(r.board.cpu.mainDone, true);
});

Deno.test("callbacks never nest, queue behind a blocked callback, and hold the main task", async () => {
  const r = rig();
  const { cpu } = r.board;
  const log: string[] = [];
  cpu.startMain(async () => {
    await cpu.wait({ untilUs: 100 });
    log.push(`main@${r.clock.nowUs}`);
  });
  await r.activity.settled();
  r.clock.schedule(50, () => {
    cpu.schedule(async () => {
      log.push("cb1 start");
      await cpu.wait({ untilUs: 500 });
      log.push(`cb1 end@${r.clock.nowUs}`);
    });
  });
  r.clock.schedule(60, () => cpu.schedule(() => log.push(`cb2@${r.clock.nowUs}`)));
  await run(r, 1000);
  assert.deepEqual(log, ["cb1 start", "cb1 end@500", "cb2@500", "main@500"]);
});

Deno.test("poke() wakes a task whose condition now holds; halt() drops every wait", async () => {
  const r = rig();
  const { cpu } = r.board;
  let flag = false;
  const log: string[] = [];
  cpu.startMain(async () => {
    const why = await cpu.wait({ ready: () => flag, untilUs: 1_000 });
    log.push(`${why}@${r.clock.nowUs}`);
    await cpu.wait({ untilUs: 2_000 });
    log.push("never");
  });
  await r.activity.settled();
  r.clock.schedule(10, () => {
    flag = true;
    cpu.poke();
  });
  await run(r, 500);
  cpu.halt();
  await run(r, 5_000);
  assert.deepEqual(log, ["ready@10"]);
  assert.equal(r.activity.running, 0);
});

Deno.test("an IRQ raised while the main task runs gets the CPU when the main task blocks", async () => {
  const r = rig();
  const { cpu } = r.board;
  const log: string[] = [];
  cpu.startMain(async () => {
    cpu.schedule(() => log.push(`irq@${r.clock.nowUs}`)); // e.g. the program toggled a pin
    log.push("main before wait");
    await cpu.wait({ untilUs: 100 });
    log.push("main after wait");
  });
  await run(r, 1000);
  assert.deepEqual(log, ["main before wait", "irq@0", "main after wait"]);
});
