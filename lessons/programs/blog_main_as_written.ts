/**
 * The blog's main.py as printed: `if __name__ == "__main__": connect()` calls a function
 * the file never defines, so the board stops with a NameError before any MQTT.
 */
import { type MicroPython, MicroPythonError } from "../../devices/mod.ts";

export function blogMainAsWritten(_mp: MicroPython): void {
  // line 33 of main.py: connect()
  throw new MicroPythonError("NameError", "name 'connect' isn't defined");
}
