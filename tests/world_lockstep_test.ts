/**
 * The lock-step rule: time advances only when every board's code is blocked. TS programs
 * (promise chains) and a worker-style runtime (answers arriving as macrotasks, as a
 * MicroPython Worker's messages do) both see exactly the virtual times they asked for.
 */
import assert from "node:assert/strict";
import { type MicroPython, type TsProgram, tsProgram, World } from "../devices/mod.ts";

function worldOf(programs: Record<string, TsProgram>) {
  const world = new World(
    {
      name: "lockstep",
      boards: Object.keys(programs).map((name) => ({ name, program: name })),
    },
    { programs: (name) => programs[name] ? tsProgram(programs[name]) : undefined },
  );
  world.start();
  return world;
}

/** Awaits through several layers of plain async functions before blocking. */
async function deep(mp: MicroPython, ms: number, depth: number): Promise<number> {
  if (depth === 0) {
    await mp.time.sleepMs(ms);
    return mp.board.clock.nowUs;
  }
  await Promise.resolve();
  return await deep(mp, ms, depth - 1);
}

Deno.test("await chains through nested async helpers resume at the exact virtual time", async () => {
  const seen: string[] = [];
  const world = worldOf({
    a: async (mp) => {
      for (let i = 0; i < 3; i++) seen.push(`a ${await deep(mp, 300, 5)}`);
    },
    b: async (mp) => {
      for (let i = 0; i < 2; i++) seen.push(`b ${await deep(mp, 450, 1)}`);
    },
  });
  await world.runUntil(2_000_000);
  // at 900 ms both wake: b asked first (at 450 ms), so b runs first
  assert.deepEqual(seen, ["a 300000", "b 450000", "a 600000", "b 900000", "a 900000"]);
  world.close();
});

Deno.test("boards waking at the same instant run one after another in a fixed order", async () => {
  const order: string[] = [];
  const programs: Record<string, TsProgram> = {};
  for (const name of ["x", "y", "z"]) {
    programs[name] = async (mp) => {
      for (let i = 0; i < 3; i++) {
        await mp.time.sleepMs(100);
        order.push(`${name}${i}`);
        await Promise.resolve(); // a hop that must not let another board cut in
        order.push(`${name}${i}'`);
      }
    };
  }
  const world = worldOf(programs);
  await world.runUntil(1_000_000);
  assert.deepEqual(order, [
    "x0",
    "x0'",
    "y0",
    "y0'",
    "z0",
    "z0'",
    "x1",
    "x1'",
    "y1",
    "y1'",
    "z1",
    "z1'",
    "x2",
    "x2'",
    "y2",
    "y2'",
    "z2",
    "z2'",
  ]);
  world.close();
});

Deno.test("a worker-style runtime (enter/leave around macrotask replies) holds the clock", async () => {
  const world = new World({ name: "worker", boards: [] });
  // a stand-in for the MicroPython runtime: one board, driven through block() callbacks,
  // whose "worker" answers come back as macrotasks (MessageChannel), as postMessage does
  const { Board } = await import("../devices/mod.ts");
  const board = new Board({ name: "w" }, {
    clock: world.clock,
    network: world.network,
    random: world.random,
    activity: world.activity,
  });
  const wakes: number[] = [];
  const channel = new MessageChannel();
  const workerRuns = (then: () => void) => {
    board.cpu.enter(); // the worker has the CPU until it answers
    channel.port2.onmessage = () => {
      board.cpu.leave();
      then();
    };
    channel.port1.postMessage("syscall");
  };
  const sleepLoop = (n: number) => {
    if (n === 0) return;
    board.cpu.block({ untilUs: world.clock.nowUs + 250_000 }, () => {
      wakes.push(world.clock.nowUs);
      workerRuns(() => sleepLoop(n - 1));
    });
  };
  world.start();
  workerRuns(() => sleepLoop(4));
  // a competing periodic event: without the lock-step it would run ahead of the worker
  let ticks = 0;
  const tick = () => {
    ticks++;
    world.clock.after(100_000, tick);
  };
  world.clock.after(100_000, tick);
  await world.runUntil(1_050_000);
  channel.port1.close();
  channel.port2.close();
  assert.deepEqual(wakes, [250_000, 500_000, 750_000, 1_000_000]);
  assert.equal(ticks, 10);
  world.close();
});
