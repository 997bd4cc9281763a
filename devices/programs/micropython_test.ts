import assert from "node:assert/strict";
import { World } from "../world.ts";
import { pyBytes, pyStr } from "./micropython.ts";
import { type TsProgram, tsProgram } from "./program.ts";

function run(program: TsProgram, untilUs: number) {
  const world = new World(
    { name: "mp", boards: [{ name: "b", program: "p" }] },
    { programs: (name) => name === "p" ? tsProgram(program) : undefined },
  );
  const lines: string[] = [];
  world.addListener((e) => e.kind === "console" && lines.push(`${e.atUs / 1000} ${e.text}`));
  world.start();
  return world.runUntil(untilUs).then(() => {
    world.close();
    return lines;
  });
}

Deno.test("print() renders values as Python's str() does", () => {
  assert.equal(pyBytes(new TextEncoder().encode("a'b\\\n\x01")), "b'a\\'b\\\\\\n\\x01'");
  assert.equal(pyStr(["1.2.3.4", 5]), "('1.2.3.4', 5)");
  assert.equal(pyStr(true), "True");
  assert.equal(pyStr(null), "None");
});

Deno.test("machine.soft_reset() from a program: it stops, the board reboots, WLAN stays", async () => {
  const lines = await run(async (mp) => {
    const wlan = new mp.network.WLAN(mp.network.STA_IF);
    mp.print("boot, connected:", wlan.isconnected());
    if (!wlan.isconnected()) {
      wlan.active(true);
      wlan.connect("ssid", "12345678");
      while (!wlan.isconnected()) await mp.time.sleepMs(500);
      mp.machine.softReset();
      mp.print("never printed");
    }
  }, 10_000_000);
  assert.deepEqual(lines.map((l) => l.replace(/^\d+(\.\d+)? /, "")), [
    "boot, connected: False",
    "MPY: soft reboot",
    "boot, connected: True",
  ]);
});

Deno.test("time: ticks and time() count from power-on; sleeps add up exactly", async () => {
  const lines = await run(async (mp) => {
    const t0 = mp.time.ticksMs();
    await mp.time.sleep(1.5);
    await mp.time.sleepMs(250);
    await mp.time.sleepUs(250_000);
    mp.print(mp.time.ticksDiff(mp.time.ticksMs(), t0), mp.time.time(), mp.time.ticksUs());
  }, 5_000_000);
  assert.deepEqual(lines, ["2000 2000 2 2000000"]);
});

Deno.test("sockets: non-blocking read gives None, a timeout raises ETIMEDOUT", async () => {
  const lines = await run(async (mp) => {
    const wlan = new mp.network.WLAN(mp.network.STA_IF);
    wlan.active(true);
    wlan.connect("ssid", "12345678");
    while (!wlan.isconnected()) await mp.time.sleepMs(100);
    const s = mp.socket.socket();
    await s.connect(mp.socket.getaddrinfo("broker", 1883)[0][4]);
    s.setblocking(false);
    mp.print("non-blocking:", await s.read(1));
    s.settimeout(0.5);
    const t0 = mp.time.ticksMs();
    try {
      await s.recv(1);
    } catch (e) {
      mp.print(`${(e as Error).message} after ${mp.time.ticksDiff(mp.time.ticksMs(), t0)} ms`);
    }
  }, 10_000_000);
  assert.deepEqual(lines.map((l) => l.replace(/^\d+(\.\d+)? /, "")), [
    "non-blocking: None",
    "[Errno 116] ETIMEDOUT after 500 ms",
  ]);
});
