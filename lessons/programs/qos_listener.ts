/**
 * Lesson 09's listener: subscribes to lab/qos with QoS 1 and, when its link breaks (a
 * ping() fails), joins WiFi again and reconnects with the same client id. With
 * clean_session=False the broker kept its session and the QoS 1 messages it missed.
 */
import { type MicroPython, MQTTClient, param, type ProgramParams } from "../../devices/mod.ts";
import { joinWifi } from "./wifi.ts";

export async function qosListener(mp: MicroPython, params: ProgramParams): Promise<void> {
  const clean = param(params, "cleanSession", false);
  const connect = async () => {
    const c = new MQTTClient(mp, "qos-listener", "broker.local");
    c.setCallback((topic, msg) => mp.print(mp.str(topic), mp.str(msg)));
    const present = await c.connect(clean);
    mp.print("session present:", present);
    await c.subscribe("lab/qos", 1);
    return c;
  };
  await joinWifi(mp, params);
  let c = await connect();
  let ticks = 0;
  for (;;) {
    try {
      await c.checkMsg();
      if (++ticks % 20 === 0) c.ping(); // every 2 s: a dead link shows up as OSError
    } catch (e) {
      mp.print("link lost:", (e as Error).message, "- reconnecting");
      await joinWifi(mp, params);
      c = await connect();
    }
    await mp.time.sleepMs(100);
  }
}
