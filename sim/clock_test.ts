import assert from "node:assert/strict";
import { formatUs, msToUs, sToUs, VirtualClock } from "./clock.ts";

Deno.test("schedule() fires events in time order, each with now set to its own time", () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  clock.schedule(300, (now) => seen.push(`c@${now}/${clock.nowUs}`));
  clock.schedule(100, (now) => seen.push(`a@${now}/${clock.nowUs}`));
  clock.schedule(200, (now) => seen.push(`b@${now}/${clock.nowUs}`));
  clock.advanceTo(1_000);
  assert.deepEqual(seen, ["a@100/100", "b@200/200", "c@300/300"]);
  assert.equal(clock.nowUs, 1_000);
});

Deno.test("events due at the same time fire in the order they were scheduled", () => {
  const clock = new VirtualClock();
  const seen: number[] = [];
  for (let i = 0; i < 50; i++) clock.schedule(500, () => seen.push(i));
  clock.advanceTo(500);
  assert.deepEqual(seen, Array.from({ length: 50 }, (_, i) => i));
});

Deno.test("cancel() takes an event out; cancelling twice or after firing is harmless", () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  const a = clock.after(10, () => seen.push("a"));
  const b = clock.after(20, () => seen.push("b"));
  a.cancel();
  a.cancel();
  assert.equal(clock.pending, 1);
  assert.equal(clock.nextEventAt(), 20);
  clock.advanceBy(100);
  b.cancel();
  assert.deepEqual(seen, ["b"]);
  assert.equal(a.done, true);
  assert.equal(b.done, true);
  assert.equal(clock.pending, 0);
});

Deno.test("a callback may schedule more events, at the current time too, and they fire in the window", () => {
  const clock = new VirtualClock();
  const seen: string[] = [];
  clock.schedule(100, (now) => {
    seen.push(`first@${now}`);
    clock.after(0, (t) => seen.push(`same-time@${t}`));
    clock.after(50, (t) => seen.push(`later@${t}`));
    clock.after(5_000, (t) => seen.push(`outside@${t}`));
  });
  clock.schedule(100, (now) => seen.push(`second@${now}`));
  clock.advanceTo(1_000);
  assert.deepEqual(seen, ["first@100", "second@100", "same-time@100", "later@150"]);
  assert.equal(clock.nextEventAt(), 5_100);
});

Deno.test("advanceTo() fires every due event, including ones exactly at the target", () => {
  const clock = new VirtualClock();
  let count = 0;
  for (let t = 0; t <= 1_000; t += 100) clock.schedule(t, () => count++);
  const result = clock.advanceTo(1_000);
  assert.equal(count, 11);
  assert.deepEqual(result, { fired: 11, idle: true });
});

Deno.test("advanceTo() with maxEvents stops early and keeps the clock at the last event", () => {
  const clock = new VirtualClock();
  for (let t = 1; t <= 10; t++) clock.schedule(t * 10, () => {});
  const result = clock.advanceTo(1_000, 3);
  assert.deepEqual(result, { fired: 3, idle: false });
  assert.equal(clock.nowUs, 30);
});

Deno.test("schedule() and advanceTo() refuse the past and non-integer times", () => {
  const clock = new VirtualClock();
  clock.advanceTo(1_000);
  assert.throws(() => clock.schedule(999, () => {}), /already at 1000 us/);
  assert.throws(() => clock.schedule(1_000.5, () => {}), /integer microseconds/);
  assert.throws(() => clock.after(-1, () => {}), RangeError);
  assert.throws(() => clock.advanceTo(10), /already at 1000 us/);
});

Deno.test("runNext() fires exactly one event; nextEventAt() is undefined when idle", () => {
  const clock = new VirtualClock();
  assert.equal(clock.nextEventAt(), undefined);
  assert.equal(clock.runNext(), false);
  const seen: number[] = [];
  clock.schedule(5, () => seen.push(1));
  clock.schedule(5, () => seen.push(2));
  assert.equal(clock.runNext(), true);
  assert.deepEqual(seen, [1]);
  assert.equal(clock.nowUs, 5);
});

Deno.test("runUntilIdle() is bounded: a periodic timer stops at maxEvents or untilUs", () => {
  const clock = new VirtualClock();
  const tick = () => clock.after(1_000, tick);
  clock.after(1_000, tick);
  assert.deepEqual(clock.runUntilIdle({ maxEvents: 100 }), { fired: 100, idle: false });
  assert.equal(clock.nowUs, 100_000);
  const untilResult = clock.runUntilIdle({ untilUs: 150_000 });
  assert.deepEqual(untilResult, { fired: 50, idle: false });
  assert.equal(clock.nowUs, 150_000);
  const once = new VirtualClock();
  once.after(7, () => {});
  assert.deepEqual(once.runUntilIdle(), { fired: 1, idle: true });
});

Deno.test("many cancellations keep the queue small and ordering intact", () => {
  const clock = new VirtualClock();
  const seen: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const ev = clock.schedule(10_000 - i, () => seen.push(i));
    if (i % 10 !== 0) ev.cancel();
  }
  assert.equal(clock.pending, 1_000);
  clock.runUntilIdle();
  assert.equal(seen.length, 1_000);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1] > seen[i]);
});

Deno.test("unit helpers convert and format microseconds", () => {
  assert.equal(msToUs(300), 300_000);
  assert.equal(sToUs(1.5), 1_500_000);
  assert.equal(formatUs(12_345_678), "12.345678");
  assert.equal(formatUs(0), "0.000000");
});
