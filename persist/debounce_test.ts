import assert from "node:assert/strict";
import { Debouncer, type HostTimers } from "./debounce.ts";

/** Timers run by the test. */
class FakeTimers implements HostTimers {
  now = 0;
  #timers = new Map<number, { at: number; cb: () => void }>();
  #next = 1;
  set(cb: () => void, delayMs: number) {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + delayMs, cb });
    return id;
  }
  clear(id: unknown) {
    this.#timers.delete(id as number);
  }
  nowMs() {
    return this.now;
  }
  advance(ms: number) {
    this.now += ms;
    for (const [id, t] of [...this.#timers]) {
      if (t.at <= this.now) {
        this.#timers.delete(id);
        t.cb();
      }
    }
  }
}

Deno.test("Debouncer saves once after the changes stop", async () => {
  const timers = new FakeTimers();
  let saves = 0;
  const d = new Debouncer(() => Promise.resolve(void saves++), 1000, 10_000, timers);
  d.poke();
  timers.advance(500);
  d.poke();
  timers.advance(900);
  assert.equal(saves, 0);
  timers.advance(200);
  await Promise.resolve();
  assert.equal(saves, 1);
});

Deno.test("Debouncer saves a busy world at least every maxDelayMs", async () => {
  const timers = new FakeTimers();
  let saves = 0;
  const d = new Debouncer(() => Promise.resolve(void saves++), 1000, 3000, timers);
  for (let t = 0; t < 3500; t += 500) {
    d.poke();
    timers.advance(500);
  }
  await Promise.resolve();
  assert.equal(saves, 1);
});

Deno.test("Debouncer.flush() saves now and never runs two saves at once", async () => {
  let running = 0, most = 0, saves = 0;
  const d = new Debouncer(
    async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      saves++;
      running--;
    },
    1000,
    10_000,
    new FakeTimers(),
  );
  await Promise.all([d.flush(), d.flush(), d.flush()]);
  assert.equal(most, 1);
  assert.ok(saves >= 2, "a change during a save is saved after it");
});
