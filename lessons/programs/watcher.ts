/**
 * A subscriber for lessons 10 and 11: subscribes to a comma-separated list of topic
 * filters and prints every message, polling check_msg() every 200 ms.
 */
import { type MicroPython, MQTTClient, param, type ProgramParams } from "../../devices/mod.ts";
import { joinWifi } from "./wifi.ts";

export async function watcher(mp: MicroPython, params: ProgramParams): Promise<void> {
  await joinWifi(mp, params);
  const c = new MQTTClient(mp, param(params, "clientId", mp.board.name), "broker.local");
  c.setCallback((topic, msg) => mp.print(mp.str(topic), mp.str(msg)));
  await c.connect();
  for (const filter of param(params, "filters", "#").split(",")) await c.subscribe(filter.trim());
  for (;;) {
    await c.checkMsg();
    await mp.time.sleepMs(200);
  }
}
