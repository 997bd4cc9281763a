import assert from "node:assert/strict";
import { rig, run } from "./_test_rig.ts";
import type { Board, BootReason } from "./board.ts";
import { PIN_OUT } from "./pin.ts";

Deno.test("soft reset restarts the program and keeps WLAN; hard reset loses both", async () => {
  const r = rig();
  const boots: string[] = [];
  r.board.setProgram({
    halt(_board, reason) {
      boots.push(`halt:${reason}`);
    },
    boot(board: Board, reason: BootReason) {
      boots.push(`${reason}:${board.wlan().isconnected()}`);
      board.cpu.startMain(() => {
        board.wlan().active(true);
        if (!board.wlan().isconnected()) board.wlan().connect("ssid", "12345678");
        board.led.init(PIN_OUT, undefined, 1);
        board.timer(0).init({ periodMs: 100, callback: () => {} });
      });
    },
  });
  r.board.powerOn();
  await run(r, 5_000_000);
  r.board.softReset();
  assert.equal(r.board.timer(0).fires, 0); // stopped, then set up again by the new boot
  await run(r, 6_000_000);
  r.board.hardReset();
  await run(r, 6_000_001);
  assert.deepEqual(boots, [
    "power-on:false",
    "halt:soft-reset",
    "soft-reset:true",
    "halt:hard-reset",
    "hard-reset:false",
  ]);
  assert.equal(r.board.console.history[0].text, "MPY: soft reboot");
  assert.equal(r.board.console.history[0].atUs, 5_000_000);
});

Deno.test("an uncaught exception prints a MicroPython-style traceback on the console", async () => {
  const r = rig();
  r.board.setProgram({
    boot(board) {
      board.cpu.startMain(() => {
        board.gpio.pin(20);
      });
    },
  });
  r.board.powerOn();
  await run(r, 1);
  assert.deepEqual(r.board.console.history.map((l) => l.text), [
    "Traceback (most recent call last):",
    "ValueError: invalid pin",
  ]);
});
