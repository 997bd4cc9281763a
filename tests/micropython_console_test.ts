/**
 * The board's console from the UI's side: print output, tracebacks with file and line,
 * Ctrl-C (KeyboardInterrupt where the program is) and Ctrl-D (soft reboot).
 */
import assert from "node:assert/strict";
import { drain, rig } from "./micropython_rig.ts";

const SLEEPER = `import time
n = 0
while True:
    n += 1
    print("tick", n)
    time.sleep_ms(500)
`;

Deno.test("Ctrl-C while main.py sleeps: KeyboardInterrupt at its line, then the REPL; timers go on", async () => {
  const program = `from machine import Timer
fired = []
Timer(1).init(period=200, mode=Timer.PERIODIC, callback=lambda t: fired.append(1))
` + SLEEPER;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(1_200_000);
    r.host("b").interrupt();
    await r.world.runUntil(2_000_000);
    const lines = r.console("b");
    assert.deepEqual(lines.slice(0, 3), ["tick 1", "tick 2", "tick 3"]);
    assert.deepEqual(lines.slice(3, 6), [
      "Traceback (most recent call last):",
      '  File "main.py", line 9, in <module>',
      "KeyboardInterrupt: ",
    ]);
    assert.equal(r.host("b").state, "repl");
    // the interrupt came at 1.2 s virtual: nothing printed after it
    assert.ok(!lines.includes("tick 4"));
    assert.ok(r.world.boards.get("b")!.timer(1).running, "Timer(1) still runs at the REPL");
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("Ctrl-C while main.py computes: the running VM raises KeyboardInterrupt", async () => {
  const program = `print("start")
x = 0
while True:
    x += 1
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    const run = r.world.runUntil(1_000_000);
    // the world waits for the board, which never blocks: interrupt it from outside
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(r.host("b").state, "running");
    r.host("b").interrupt();
    await run;
    const lines = r.console("b");
    assert.deepEqual(lines.slice(0, 4), [
      "start",
      "Traceback (most recent call last):",
      '  File "main.py", line 4, in <module>',
      "KeyboardInterrupt: ",
    ]);
    assert.equal(r.host("b").state, "repl");
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("Ctrl-D: soft reboot, main.py runs again from the start with the edited files", async () => {
  const r = await rig([{ name: "b", program: SLEEPER }]);
  try {
    r.world.start();
    await r.world.runUntil(700_000);
    r.host("b").files.write("main.py", 'print("edited")\n');
    r.host("b").softReset();
    await r.world.runUntil(1_000_000);
    assert.deepEqual(r.console("b").slice(0, 4), [
      "tick 1",
      "tick 2",
      "MPY: soft reboot",
      "edited",
    ]);
    assert.equal(r.host("b").boots, 2);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("uncaught errors in a timer callback print a traceback; main goes on", async () => {
  const program = `from machine import Timer
import time
def cb(t):
    1 / 0
Timer(0).init(period=100, mode=Timer.ONE_SHOT, callback=cb)
time.sleep_ms(300)
print("main goes on")
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(1_000_000);
    assert.deepEqual(r.console("b").slice(0, 5), [
      "Traceback (most recent call last):",
      '  File "main.py", line 4, in cb',
      "ZeroDivisionError: divide by zero",
      "main goes on",
      "MicroPython v1.27.0 on 2025-12-10; Generic ESP32 module with ESP32",
    ]);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("sys.exit() in main.py soft-reboots the board, as the ESP32 port does; time goes on", async () => {
  const program = `import sys, time
print("boot at", time.ticks_ms())
sys.exit()
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(2_500);
    assert.deepEqual(r.console("b").slice(0, 4), [
      "boot at 0",
      "MPY: soft reboot",
      "boot at 1",
      "MPY: soft reboot",
    ]);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("the REPL after main.py: typed lines run in main.py's globals, with results and tracebacks", async () => {
  const program = `from machine import Pin
led = Pin(15, Pin.OUT)
x = 20
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(100_000);
    const host = r.host("b");
    assert.equal(host.state, "repl");
    assert.equal(host.replInput("x + 1"), true);
    await r.world.runUntil(200_000);
    host.replInput("led.value(1)");
    await r.world.runUntil(300_000);
    host.replInput("undefined_name");
    await r.world.runUntil(400_000);
    host.replInput("for i in range(2):\n    print(i)");
    await r.world.runUntil(500_000);
    const lines = r.console("b");
    const start = lines.findIndex((l) => l.startsWith("Type "));
    assert.deepEqual(lines.slice(start + 1), [
      ">>> x + 1",
      "21",
      ">>> led.value(1)",
      ">>> undefined_name",
      "Traceback (most recent call last):",
      '  File "<stdin>", line 1, in <module>',
      "NameError: name 'undefined_name' isn't defined",
      ">>> for i in range(2):",
      "...     print(i)",
      "0",
      "1",
    ]);
    assert.equal(r.world.boards.get("b")!.led.value(), 1);
  } finally {
    r.close();
    await drain();
  }
});
