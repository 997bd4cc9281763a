/**
 * The BOOT button (GPIO0, active low) drives the LED through a pin IRQ, and each press is
 * printed: the smallest program that shows input pins, IRQ callbacks and the UI's button.
 */
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";

export function buttonLed(mp: MicroPython, params: ProgramParams): void {
  const { Pin } = mp.machine;
  const led = new Pin(param(params, "ledPin", 15), Pin.OUT);
  const button = new Pin(param(params, "buttonPin", 0), Pin.IN, Pin.PULL_UP);
  let presses = 0;
  button.irq((pin) => {
    const pressed = pin.value() === 0;
    led.value(pressed ? 1 : 0);
    if (pressed) mp.print(`button pressed (${++presses})`);
  }, Pin.IRQ_FALLING | Pin.IRQ_RISING);
}

export const BUTTON_LED: ProgramInfo = {
  name: "button-led",
  description: "The LED follows the BOOT button (GPIO0) through a pin IRQ",
  run: buttonLed,
};
