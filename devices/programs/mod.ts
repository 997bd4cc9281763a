/** devices/programs: TypeScript device programs and the MicroPython-shaped API they use. */
import { BUTTON_LED } from "./button_led.ts";
import { LED_SWITCH } from "./led_switch.ts";
import { ONOFF_APP } from "./onoff_app.ts";
import type { ProgramInfo } from "./program.ts";
import { TEMPERATURE_SENSOR } from "./temperature_sensor.ts";
import { TEXTBOOK_PUBLISHER } from "./textbook_publisher.ts";
import { TEXTBOOK_SUBSCRIBER } from "./textbook_subscriber.ts";

export * from "./micropython.ts";
export * from "./program.ts";
export { type MessageCallback, MQTTClient, MQTTException } from "./umqtt_simple.ts";
export { TEXTBOOK_WIFI_TIMEOUT_S, textbookWifiConnect } from "./wifi_connect.ts";

/** Built-in programs by name (what `--board NAME=PROGRAM` and scenarios refer to). */
export const BUILTIN_PROGRAMS: ReadonlyMap<string, ProgramInfo> = new Map(
  [
    TEXTBOOK_PUBLISHER,
    TEXTBOOK_SUBSCRIBER,
    LED_SWITCH,
    ONOFF_APP,
    TEMPERATURE_SENSOR,
    BUTTON_LED,
  ].map((
    p,
  ) => [p.name, p]),
);
