/** Lesson 05's fix: the textbook publisher whose wifi_connect() returns True once joined. */
import { type MicroPython, MQTTClient, param, type ProgramParams } from "../../devices/mod.ts";
import { fixedWifiConnect } from "./wifi.ts";

export async function fixedPublisher(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { Pin, Timer } = mp.machine;
  const led1 = new Pin(15, Pin.OUT);
  if (await fixedWifiConnect(mp, led1, "ssid", "12345678")) {
    const TOPIC = "/public/pz_esp32/1";
    const client = new MQTTClient(
      mp,
      param(params, "clientId", "PZ-ESP32"),
      "mq.tongxinmao.com",
      18830,
    );
    await client.connect();
    const tim = new Timer(0);
    tim.init({
      period: 1000,
      mode: Timer.PERIODIC,
      callback: () => client.publish(TOPIC, "Hello PRECHIN"),
    });
  }
}
