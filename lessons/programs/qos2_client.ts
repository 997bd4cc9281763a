/**
 * Lesson 09's desktop client (as MQTTX or the client panel would): one QoS 2 PUBLISH and
 * the whole exchange PUBREC, PUBREL, PUBCOMP, written frame by frame on the socket, since
 * umqtt.simple cannot do it.
 */
import {
  type MicroPython,
  MicroPythonError,
  MQTTClient,
  type ProgramParams,
} from "../../devices/mod.ts";
import { joinWifi } from "./wifi.ts";

const PUBLISH_QOS2 = 0x34; // PUBLISH, QoS 2 (flags 0b0100)
const PUBREC = 0x50;
const PUBREL = 0x62; // PUBREL's reserved flags are 0b0010 [MQTT-3.6.1-1]
const PUBCOMP = 0x70;

export async function qos2Client(mp: MicroPython, params: ProgramParams): Promise<void> {
  await joinWifi(mp, params);
  const c = new MQTTClient(mp, "mqttx-desktop", "broker.local");
  await c.connect();
  await mp.time.sleep(2);
  const topic = new TextEncoder().encode("lab/qos");
  const msg = new TextEncoder().encode("q2 exactly once");
  const pid = [0x00, 0x01];
  const sock = c.sock!;
  sock.write(new Uint8Array([PUBLISH_QOS2, 2 + topic.length + 2 + msg.length]));
  sock.write(new Uint8Array([0, topic.length, ...topic, ...pid, ...msg]));
  const rec = (await sock.read(4))!;
  if (rec[0] !== PUBREC) throw new MicroPythonError("OSError", "expected PUBREC");
  sock.write(new Uint8Array([PUBREL, 0x02, ...pid]));
  const comp = (await sock.read(4))!;
  if (comp[0] !== PUBCOMP) throw new MicroPythonError("OSError", "expected PUBCOMP");
  mp.print("QoS 2 done: PUBLISH, PUBREC, PUBREL, PUBCOMP");
  for (;;) {
    await mp.time.sleep(5);
    c.ping();
    await c.waitMsg();
  }
}
