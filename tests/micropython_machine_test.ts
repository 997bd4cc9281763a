/**
 * machine, time, socket and random on the board, against the board model: pin IRQs from
 * the BOOT button, one-shot timers, ticks arithmetic, the RTC's epoch, socket timeouts.
 */
import assert from "node:assert/strict";
import { drain, rig } from "./micropython_rig.ts";

Deno.test("Pin.irq runs on a button press; Timer ONE_SHOT fires once; ticks, time and ids as on the board", async () => {
  const program = `import machine, time, random
from machine import Pin, Timer
presses = []
button = Pin(0, Pin.IN, Pin.PULL_UP)
button.irq(lambda p: presses.append(p.value()), Pin.IRQ_FALLING)
shots = []
Timer(2).init(period=250, mode=Timer.ONE_SHOT, callback=lambda t: shots.append(time.ticks_ms()))
t0 = time.ticks_ms()
time.sleep(1)
print("slept", time.ticks_diff(time.ticks_ms(), t0))
print("shots", shots)
print("presses", presses)
print("time", time.time(), time.localtime()[0:3])
print("freq", machine.freq(), len(machine.unique_id()))
print("add", time.ticks_add(2**30 - 1, 2) , time.ticks_diff(1, 2**30 - 1))
print("random", random.getrandbits(16))
try:
    Pin(20)
except ValueError as e:
    print("ValueError:", e)
`;
  const run = async () => {
    const r = await rig([{ name: "b", program }]);
    try {
      r.world.start();
      await r.world.runUntil(500_000);
      r.world.boards.get("b")!.pressButton(0);
      await r.world.runUntil(3_000_000);
      return r.console("b");
    } finally {
      r.close();
      await drain();
    }
  };
  const lines = await run();
  assert.deepEqual(lines.slice(0, 6), [
    "slept 1000",
    "shots [250]",
    "presses [0]",
    "time 1 (2000, 1, 1)",
    "freq 160000000 6",
    "add 1 2",
  ]);
  assert.match(lines[6], /^random \d+$/);
  assert.equal(lines[7], "ValueError: invalid pin");
  assert.deepEqual(await run(), lines, "the same seed gives the same random numbers");
});

Deno.test("socket: connect, settimeout and recv that times out, non-blocking EAGAIN, close", async () => {
  const program = `import network, socket, time
w = network.WLAN(network.STA_IF)
w.active(True)
w.connect("ssid", "12345678")
while not w.isconnected():
    time.sleep_ms(100)
addr = socket.getaddrinfo("mq.tongxinmao.com", 1883)[0][-1]
print("addr", addr)
s = socket.socket()
s.connect(addr)
s.settimeout(0.5)
t0 = time.ticks_ms()
try:
    s.recv(10)
except OSError as e:
    print("timeout", e.errno, time.ticks_diff(time.ticks_ms(), t0))
s.setblocking(False)
try:
    s.recv(10)
except OSError as e:
    print("nonblocking", e.errno)
print("read", s.read(1))
s.close()
try:
    s.send(b"x")
except Exception as e:
    print(type(e).__name__, e.errno)
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(6_000_000);
    assert.deepEqual(r.console("b").slice(0, 5), [
      "addr ('47.100.1.1', 1883)",
      "timeout 116 500",
      "nonblocking 11",
      "read None",
      "OSError 9", // EBADF
    ]);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("a loop of pin writes without sleep still moves time: timers fire, the world goes on", async () => {
  const program = `from machine import Pin, Timer
led = Pin(15, Pin.OUT)
ticks = []
Timer(0).init(period=10, mode=Timer.PERIODIC, callback=lambda t: ticks.append(1))
n = 0
while len(ticks) < 3:
    led.value(n & 1)
    n += 1
print("ticks", len(ticks), "writes", n)
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(100_000);
    const lines = r.console("b");
    // each write costs 10 us of virtual time: about 1,000 writes per 10 ms tick
    assert.match(lines[0], /^ticks 3 writes \d+$/);
    const writes = Number(lines[0].split(" ")[3]);
    assert.ok(writes > 2500 && writes < 3500, lines[0]);
  } finally {
    r.close();
    await drain();
  }
});

Deno.test("os.listdir() shows the board's files; what the program writes stays across a reset", async () => {
  const program = `import os
print(sorted(os.listdir()))
print(sorted(os.listdir("/lib/umqtt")))
if "data.txt" in os.listdir():
    print("kept:", open("data.txt").read())
    os.rename("data.txt", "old.txt")
else:
    with open("data.txt", "w") as f:
        f.write("21.5")
    print(sorted(os.listdir("/")), open("data.txt").read())
`;
  const r = await rig([{ name: "b", program }]);
  try {
    r.world.start();
    await r.world.runUntil(100_000);
    r.host("b").softReset();
    await r.world.runUntil(200_000);
    const lines = r.console("b").filter((l) =>
      !l.startsWith("MicroPython") && !l.startsWith("Type")
    );
    assert.deepEqual(lines.slice(0, 6), [
      "['boot.py', 'lib', 'main.py']",
      "['__init__.py', 'simple.py']",
      "['boot.py', 'data.txt', 'lib', 'main.py'] 21.5",
      ">>> MPY: soft reboot",
      "['boot.py', 'data.txt', 'lib', 'main.py']",
      "['__init__.py', 'simple.py']",
    ]);
    assert.equal(lines[6], "kept: 21.5");
    assert.equal(r.host("b").files.read("old.txt"), "21.5");
    assert.equal(r.host("b").files.read("data.txt"), undefined);
  } finally {
    r.close();
    await drain();
  }
});
