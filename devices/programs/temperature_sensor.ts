/**
 * A temperature sensor: joins WiFi, connects, then publishes a reading every period
 * (a slow daily swing plus seeded noise, one decimal) to sensors/<client id>/temperature.
 *
 * With `resilient: true` it does what robust ESP32 code does around umqtt.simple: on an
 * OSError it closes, waits `retryMs`, joins WiFi again if needed and reconnects.
 */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";

const BASE_C = 24;
const SWING_C = 3;
const NOISE_C = 0.4;
const DAY_S = 86_400;

/** Joins (or re-joins) WiFi; false when the join failed. */
async function joinWifi(mp: MicroPython, params: ProgramParams): Promise<boolean> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  if (wlan.isconnected()) return true;
  wlan.connect(param(params, "ssid", "ssid"), param(params, "password", "12345678"));
  while (!wlan.isconnected()) {
    if (wlan.status() !== network.STAT_CONNECTING) {
      mp.print("WiFi failed, status", wlan.status());
      return false;
    }
    await time.sleepMs(100);
  }
  return true;
}

export async function temperatureSensor(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { time } = mp;
  const clientId = param(params, "clientId", `sensor-${mp.board.name}`);
  const topic = param(params, "topic", `sensors/${clientId}/temperature`);
  const periodMs = param(params, "periodMs", 5000);
  const qos = param(params, "qos", 0);
  const resilient = param(params, "resilient", false);
  const retryMs = param(params, "retryMs", 1000);
  for (;;) {
    if (!(await joinWifi(mp, params))) {
      if (!resilient) return;
      await time.sleepMs(retryMs);
      continue;
    }
    const client = new MQTTClient(
      mp,
      clientId,
      param(params, "server", "broker.local"),
      param(params, "port", 1883),
    );
    try {
      await client.connect();
      for (;;) {
        const t = time.time();
        const c = BASE_C + SWING_C * Math.sin((2 * Math.PI * t) / DAY_S) +
          (mp.random.float() * 2 - 1) * NOISE_C;
        await client.publish(topic, c.toFixed(1), false, qos);
        await time.sleepMs(periodMs);
      }
    } catch (error) {
      if (!resilient) throw error;
      mp.print("MQTT error:", (error as Error).message, "- reconnecting");
      client.sock?.close();
      await time.sleepMs(retryMs);
    }
  }
}

export const TEMPERATURE_SENSOR: ProgramInfo = {
  name: "temperature-sensor",
  description:
    "Publishes a temperature every periodMs (default 5000) to sensors/<id>/temperature; " +
    "resilient: true reconnects after errors",
  run: temperatureSensor,
};
