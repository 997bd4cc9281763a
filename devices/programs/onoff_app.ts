/**
 * The phone in the blog's scenario (IoT OnOff): a switch that publishes "on" and "off" in
 * turn to esp32/publish. Not an ESP32, but an MQTT client on the same WiFi; modelled as a
 * board so that it runs on the same clock.
 */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";

export async function onoffApp(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  wlan.connect(param(params, "ssid", "ssid"), param(params, "password", "12345678"));
  while (!wlan.isconnected()) await time.sleepMs(100);
  const client = new MQTTClient(
    mp,
    param(params, "clientId", "iot-onoff-phone"),
    param(params, "server", "111.111.111.111"),
    param(params, "port", 0),
  );
  await client.connect();
  const topic = param(params, "topic", "esp32/publish");
  const periodMs = param(params, "periodMs", 3000);
  let on = true;
  for (;;) {
    await time.sleepMs(periodMs);
    await client.publish(topic, on ? "on" : "off");
    on = !on;
  }
}

export const ONOFF_APP: ProgramInfo = {
  name: "onoff-app",
  description: "Phone switch app: publishes 'on'/'off' in turn to esp32/publish",
  run: onoffApp,
};
