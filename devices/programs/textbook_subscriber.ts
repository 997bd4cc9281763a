/** The textbook's subscriber (chapter 26, 3.2.2): check_msg() every 300 ms, prints messages. */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";
import { textbookWifiConnect } from "./wifi_connect.ts";

export async function textbookSubscriber(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { Pin, Timer } = mp.machine;
  const led1 = new Pin(param(params, "ledPin", 15), Pin.OUT);
  const ssid = param(params, "ssid", "ssid");
  const password = param(params, "password", "12345678");
  const mqtt_callback = (topic: Uint8Array, msg: Uint8Array) => {
    mp.print(`topic: ${mp.str(topic)}`);
    mp.print(`msg: ${mp.str(msg)}`);
  };
  if (await textbookWifiConnect(mp, led1, ssid, password)) {
    const SERVER = param(params, "server", "mq.tongxinmao.com");
    const PORT = param(params, "port", 18830);
    const CLIENT_ID = param(params, "clientId", "PZ-ESP32");
    const TOPIC = param(params, "topic", "/public/pz_esp32/1");
    const client = new MQTTClient(mp, CLIENT_ID, SERVER, PORT);
    client.setCallback(mqtt_callback);
    await client.connect();
    await client.subscribe(TOPIC);
    const tim = new Timer(0);
    tim.init({
      period: param(params, "periodMs", 300),
      mode: Timer.PERIODIC,
      callback: () => client.checkMsg(),
    });
  }
}

export const TEXTBOOK_SUBSCRIBER: ProgramInfo = {
  name: "textbook-subscriber",
  description: "Textbook ch. 26 subscriber: subscribes, polls check_msg() every 300 ms",
  run: textbookSubscriber,
};
