/**
 * A temperature sensor: joins WiFi, connects, then publishes a reading every period
 * (a slow daily swing plus seeded noise, one decimal) to sensors/<client id>/temperature.
 * Keeps its own keep-alive by pinging, since umqtt.simple does not.
 */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";

const BASE_C = 24;
const SWING_C = 3;
const NOISE_C = 0.4;
const DAY_S = 86_400;

export async function temperatureSensor(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  if (!wlan.isconnected()) {
    wlan.connect(param(params, "ssid", "ssid"), param(params, "password", "12345678"));
    while (!wlan.isconnected()) {
      if (wlan.status() !== network.STAT_CONNECTING) {
        mp.print("WiFi failed, status", wlan.status());
        return;
      }
      await time.sleepMs(100);
    }
  }
  const clientId = param(params, "clientId", `sensor-${mp.board.name}`);
  const topic = param(params, "topic", `sensors/${clientId}/temperature`);
  const client = new MQTTClient(
    mp,
    clientId,
    param(params, "server", "broker.local"),
    param(params, "port", 1883),
  );
  await client.connect();
  const periodMs = param(params, "periodMs", 5000);
  const qos = param(params, "qos", 0);
  for (;;) {
    const t = time.time();
    const c = BASE_C + SWING_C * Math.sin((2 * Math.PI * t) / DAY_S) +
      (mp.random.float() * 2 - 1) * NOISE_C;
    await client.publish(topic, c.toFixed(1), false, qos);
    await time.sleepMs(periodMs);
  }
}

export const TEMPERATURE_SENSOR: ProgramInfo = {
  name: "temperature-sensor",
  description: "Publishes a temperature every periodMs (default 5000) to sensors/<id>/temperature",
  run: temperatureSensor,
};
