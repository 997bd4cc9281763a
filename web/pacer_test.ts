import assert from "node:assert/strict";
import { VirtualClock } from "../sim/mod.ts";
import { drivePacer, MAX_WALL_STEP_MS, Pacer, type PacerState } from "./pacer.ts";

/** A wall that moves only when the test says so. */
class ManualWall {
  ms = 1_000;
  nowMs = () => this.ms;
}

Deno.test("Pacer starts paused: ticks do not move the clock", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  wall.ms += 100;
  await pacer.tick();
  assert.equal(clock.nowUs, 0);
  assert.equal(pacer.state.mode, "paused");
});

Deno.test("play at 1x advances by the wall delta; at 10x ten times as far", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  wall.ms += 100;
  await pacer.tick();
  assert.equal(clock.nowUs, 100_000);
  pacer.setSpeed(10);
  wall.ms += 50;
  await pacer.tick();
  assert.equal(clock.nowUs, 600_000);
});

Deno.test("play at 0.1x carries the fraction so slow time still moves exactly", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  pacer.play(0.1);
  for (let i = 0; i < 30; i++) {
    wall.ms += 1 / 3;
    await pacer.tick();
  }
  assert.ok(Math.abs(clock.nowUs - 1_000) <= 1, `clock at ${clock.nowUs}`);
});

Deno.test("play fires due events on the way, in order", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const seen: number[] = [];
  const blink = () => {
    seen.push(clock.nowUs);
    clock.after(300_000, blink);
  };
  clock.after(300_000, blink);
  const pacer = new Pacer(clock, wall);
  pacer.play(100);
  wall.ms += 10;
  await pacer.tick();
  assert.deepEqual(seen, [300_000, 600_000, 900_000]);
});

Deno.test("a stalled host does not make the world jump: one tick covers at most MAX_WALL_STEP_MS", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  wall.ms += 60_000;
  await pacer.tick();
  assert.equal(clock.nowUs, MAX_WALL_STEP_MS * 1_000);
});

Deno.test("pause keeps the clock still, and resuming does not count the paused wall time", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  wall.ms += 10;
  await pacer.tick();
  pacer.pause();
  wall.ms += 200;
  await pacer.tick();
  assert.equal(clock.nowUs, 10_000);
  pacer.play();
  wall.ms += 5;
  await pacer.tick();
  assert.equal(clock.nowUs, 15_000);
});

Deno.test("max mode runs events as fast as possible within a wall budget per tick", async () => {
  const clock = new VirtualClock();
  let wallMs = 0;
  // Each wall read costs 1 ms: the budget is reached after a bounded number of checks.
  const pacer = new Pacer(clock, { nowMs: () => wallMs++ });
  let fired = 0;
  const tick = () => {
    fired++;
    clock.after(1_000_000, tick);
  };
  clock.after(1_000_000, tick);
  pacer.runAsFastAsPossible();
  await pacer.tick();
  assert.ok(fired > 5 && fired < 100, `fired ${fired}`);
  assert.equal(clock.nowUs, fired * 1_000_000);
});

Deno.test("max mode with nothing pending leaves the clock where it is", async () => {
  const clock = new VirtualClock();
  const pacer = new Pacer(clock, new ManualWall());
  pacer.runAsFastAsPossible();
  await pacer.tick();
  assert.equal(clock.nowUs, 0);
});

Deno.test("step() pauses and fires exactly the next event", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const seen: string[] = [];
  clock.schedule(500, () => seen.push("a"));
  clock.schedule(900, () => seen.push("b"));
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  assert.equal(await pacer.step(), true);
  assert.equal(pacer.state.mode, "paused");
  assert.deepEqual(seen, ["a"]);
  assert.equal(clock.nowUs, 500);
  await pacer.step();
  assert.equal(await pacer.step(), false);
});

Deno.test("stepUntil() fires events until the predicate holds, bounded", async () => {
  const clock = new VirtualClock();
  const pacer = new Pacer(clock, new ManualWall());
  const packets: number[] = [];
  const every = () => {
    if (clock.nowUs % 3_000 === 0) packets.push(clock.nowUs);
    clock.after(1_000, every);
  };
  clock.after(1_000, every);
  assert.equal(await pacer.stepUntil(() => packets.length === 2), true);
  assert.deepEqual(packets, [3_000, 6_000]);
  assert.equal(clock.nowUs, 6_000);
  assert.equal(await pacer.stepUntil(() => false, 10), false);
  assert.equal(clock.nowUs, 16_000);
});

Deno.test("setSpeed() refuses speeds outside 0.1x..100x with a clear message", () => {
  const pacer = new Pacer(new VirtualClock(), new ManualWall());
  assert.throws(() => pacer.setSpeed(0), /between 0.1x and 100x/);
  assert.throws(() => pacer.setSpeed(1_000), /between 0.1x and 100x/);
});

Deno.test("listeners hear mode and speed changes and can unsubscribe", () => {
  const pacer = new Pacer(new VirtualClock(), new ManualWall());
  const heard: PacerState[] = [];
  const off = pacer.addListener((s) => heard.push(s));
  pacer.play(2);
  pacer.pause();
  off();
  pacer.play();
  assert.deepEqual(heard.map((s) => `${s.mode}@${s.speed}`), ["paused@2", "playing@2", "paused@2"]);
});

Deno.test("the pacer awaits an asynchronous target and never interleaves ticks and steps", async () => {
  const clock = new VirtualClock();
  const log: string[] = [];
  const slowTarget = {
    get nowUs() {
      return clock.nowUs;
    },
    nextEventAt: () => clock.nextEventAt(),
    advanceTo: async (t: number) => {
      log.push(`advance-start ${t}`);
      await Promise.resolve();
      clock.advanceTo(t);
      log.push(`advance-end ${t}`);
    },
    runNext: async () => {
      log.push("step-start");
      await Promise.resolve();
      clock.runNext();
      log.push("step-end");
    },
  };
  clock.schedule(5_000_000, () => {});
  const wall = new ManualWall();
  const pacer = new Pacer(slowTarget, wall);
  pacer.play(1);
  wall.ms += 1;
  const ticking = pacer.tick();
  const stepping = pacer.step();
  await Promise.all([ticking, stepping]);
  assert.deepEqual(log, ["advance-start 1000", "advance-end 1000", "step-start", "step-end"]);
});

Deno.test("drivePacer() ticks on the injected timer and stops when asked", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  let fire: () => void = () => {};
  let stopped = false;
  const stop = drivePacer(pacer, (_ms, cb) => {
    fire = cb;
    return () => (stopped = true);
  });
  wall.ms += 20;
  fire();
  await new Promise((r) => queueMicrotask(() => r(undefined)));
  assert.equal(clock.nowUs, 20_000);
  stop();
  assert.equal(stopped, true);
});

Deno.test("drivePacer() reports a world that throws and keeps ticking", async () => {
  const clock = new VirtualClock();
  const wall = new ManualWall();
  clock.after(1_000, () => {
    throw new Error("a broken event");
  });
  const pacer = new Pacer(clock, wall);
  pacer.play(1);
  let fire: () => void = () => {};
  const errors: unknown[] = [];
  drivePacer(
    pacer,
    (_ms, cb) => {
      fire = cb;
      return () => {};
    },
    16,
    (err) => errors.push(err),
  );
  wall.ms += 5;
  fire();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /a broken event/);
  wall.ms += 5;
  fire();
  await new Promise((r) => setTimeout(r, 0));
  assert.ok(clock.nowUs > 5_000, `clock at ${clock.nowUs}`);
});

Deno.test("settled() waits for a tick under way, so a pause really holds the world still", async () => {
  const clock = new VirtualClock();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const target = {
    get nowUs() {
      return clock.nowUs;
    },
    nextEventAt: () => clock.nextEventAt(),
    advanceTo: async (t: number) => {
      await gate;
      clock.advanceTo(t);
    },
    runNext: () => clock.runNext(),
  };
  const wall = new ManualWall();
  const pacer = new Pacer(target, wall);
  pacer.play(1);
  wall.ms += 10;
  const ticking = pacer.tick();
  pacer.pause();
  let settled = false;
  const waiting = pacer.settled().then(() => (settled = true));
  await Promise.resolve();
  assert.equal(settled, false);
  release();
  await Promise.all([ticking, waiting]);
  assert.equal(clock.nowUs, 10_000);
  wall.ms += 10;
  await pacer.tick();
  assert.equal(clock.nowUs, 10_000);
});
