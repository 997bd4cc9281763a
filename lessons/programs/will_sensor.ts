/**
 * Lesson 10's sensor: keep-alive 10 s, a retained last will "offline" on lab/status, a
 * retained "online" there, then it only waits. umqtt.simple sends no PINGREQ by itself,
 * so with `ping` it calls ping() every 5 s; without, the broker drops it after 15 s.
 */
import { type MicroPython, MQTTClient, param, type ProgramParams } from "../../devices/mod.ts";
import { joinWifi } from "./wifi.ts";

export async function willSensor(mp: MicroPython, params: ProgramParams): Promise<void> {
  await joinWifi(mp, params);
  const c = new MQTTClient(mp, "lab-sensor", "broker.local", 0, null, null, 10);
  c.setCallback(() => {});
  c.setLastWill("lab/status", "offline", true, 0);
  await c.connect();
  await c.publish("lab/status", "online", true);
  const ping = param(params, "ping", true);
  for (;;) {
    await mp.time.sleep(5);
    if (ping) c.ping();
    await c.checkMsg();
  }
}
