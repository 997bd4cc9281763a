import assert from "node:assert/strict";
import { rig } from "./_test_rig.ts";
import { PIN_IN, PIN_OUT, PIN_PULL_UP } from "./pin.ts";

Deno.test("Pin refuses GPIOs the ESP32 lacks and outputs on 34..39, with MicroPython's text", () => {
  const { board } = rig();
  assert.throws(() => board.gpio.pin(20), { name: "ValueError", message: "invalid pin" });
  assert.throws(() => board.gpio.pin(40), { name: "ValueError", message: "invalid pin" });
  assert.throws(() => board.gpio.pin(34).init(PIN_OUT), {
    name: "ValueError",
    message: "pin can only be input",
  });
  board.gpio.pin(34).init(PIN_IN);
});

Deno.test("pin listeners hear level changes with their virtual time, once per change", () => {
  const { board, clock } = rig();
  const led = board.led;
  assert.equal(led.id, 15);
  const seen: string[] = [];
  const off = led.addListener((level, atUs) => seen.push(`${level}@${atUs}`));
  led.init(PIN_OUT);
  led.setValue(1);
  led.setValue(1);
  clock.advanceTo(300_000);
  led.setValue(0);
  off();
  led.setValue(1);
  assert.deepEqual(seen, ["1@0", "0@300000"]);
});

Deno.test("a button pulls an input low; IRQs run as callbacks", async () => {
  const r = rig();
  const { board } = r;
  board.powerOn();
  const pin = board.gpio.pin(0);
  pin.init(PIN_IN, PIN_PULL_UP);
  assert.equal(pin.value(), 1);
  const irqs: number[] = [];
  pin.irq((p) => irqs.push(p.value()));
  board.pressButton(0);
  assert.equal(pin.value(), 0);
  await r.activity.settled();
  board.releaseButton(0);
  await r.activity.settled();
  assert.deepEqual(irqs, [0, 1]);
});
