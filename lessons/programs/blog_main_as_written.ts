/**
 * The blog's main.py as printed: `if __name__ == "__main__": connect()` calls a function
 * the file never defines, so the board stops with a NameError before any MQTT.
 */
import { MicroPythonError } from "../../devices/esp32/mod.ts";
import type { MicroPython } from "../../devices/programs/mod.ts";

export function blogMainAsWritten(_mp: MicroPython): void {
  // line 33 of main.py: connect()
  throw new MicroPythonError("NameError", "name 'connect' isn't defined");
}
