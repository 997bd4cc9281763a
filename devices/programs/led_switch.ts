/**
 * The blog's board (EMQX article): subscribes to esp32/publish and switches its LED on
 * "on" and off on "off", as the phone's IoT OnOff switch sends; polls every second.
 */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";

/** Seconds to wait for WiFi before giving up. */
const WIFI_TIMEOUT_S = 20;

export async function ledSwitch(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { Pin } = mp.machine;
  const { network, time } = mp;
  const led = new Pin(param(params, "ledPin", 15), Pin.OUT);
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  if (!wlan.isconnected()) {
    wlan.connect(param(params, "ssid", "ssid"), param(params, "password", "12345678"));
    const start = time.time();
    while (!wlan.isconnected()) {
      if (time.time() - start > WIFI_TIMEOUT_S) {
        mp.print("WiFi timeout, status", wlan.status());
        return;
      }
      await time.sleepMs(100);
    }
  }
  mp.print("network information:", wlan.ifconfig());
  const clientId = param(params, "clientId", "esp32_client_001");
  const topic = param(params, "topic", "esp32/publish");
  const user = param(params, "username", "");
  const c = new MQTTClient(
    mp,
    clientId,
    param(params, "server", "111.111.111.111"),
    param(params, "port", 0),
    user || null,
    param(params, "mqttPassword", "") || null,
  );
  c.setCallback((t, msg) => {
    mp.print(t, msg);
    const command = new TextDecoder().decode(msg).trim().toLowerCase();
    if (command === "on") led.on();
    else if (command === "off") led.off();
  });
  await c.connect();
  await c.subscribe(topic);
  for (;;) {
    await c.checkMsg();
    await time.sleep(param(params, "pollS", 1));
  }
}

export const LED_SWITCH: ProgramInfo = {
  name: "led-switch",
  description: "Blog's phone scenario: LED on/off from 'on'/'off' on esp32/publish",
  run: ledSwitch,
};
