/**
 * Lesson 09's sender: every second a QoS 0 and a QoS 1 message to lab/qos (umqtt.simple
 * waits for the PUBACK of the QoS 1 one), then one publish(qos=2), which umqtt.simple
 * cannot do: it sends the PUBLISH and fails its `assert 0`.
 */
import { type MicroPython, MQTTClient, param, type ProgramParams } from "../../devices/mod.ts";
import { joinWifi } from "./wifi.ts";

export async function qosSender(mp: MicroPython, params: ProgramParams): Promise<void> {
  await joinWifi(mp, params);
  const c = new MQTTClient(mp, param(params, "clientId", "qos-sender"), "broker.local");
  await c.connect();
  const rounds = param(params, "rounds", 12);
  for (let n = 1; n <= rounds; n++) {
    await c.publish("lab/qos", `q0 #${n}`, false, 0);
    await c.publish("lab/qos", `q1 #${n}`, false, 1);
    await mp.time.sleep(1);
  }
  if (param(params, "tryQos2", true)) {
    mp.print("publish qos=2 ...");
    await c.publish("lab/qos", "q2", false, 2);
  }
}
