/** The textbook's publisher (chapter 26, 3.2.1): "Hello PRECHIN" every 1000 ms. */
import { MQTTClient } from "./umqtt_simple.ts";
import type { MicroPython } from "./micropython.ts";
import { param, type ProgramInfo, type ProgramParams } from "./program.ts";
import { textbookWifiConnect } from "./wifi_connect.ts";

export async function textbookPublisher(mp: MicroPython, params: ProgramParams): Promise<void> {
  const { Pin, Timer } = mp.machine;
  const led1 = new Pin(param(params, "ledPin", 15), Pin.OUT);
  const ssid = param(params, "ssid", "ssid");
  const password = param(params, "password", "12345678");
  if (await textbookWifiConnect(mp, led1, ssid, password)) {
    const SERVER = param(params, "server", "mq.tongxinmao.com");
    const PORT = param(params, "port", 18830);
    const CLIENT_ID = param(params, "clientId", "PZ-ESP32");
    const TOPIC = param(params, "topic", "/public/pz_esp32/1");
    const client = new MQTTClient(mp, CLIENT_ID, SERVER, PORT);
    await client.connect();
    const tim = new Timer(0);
    tim.init({
      period: param(params, "periodMs", 1000),
      mode: Timer.PERIODIC,
      callback: () => client.publish(TOPIC, param(params, "message", "Hello PRECHIN")),
    });
  }
}

export const TEXTBOOK_PUBLISHER: ProgramInfo = {
  name: "textbook-publisher",
  description: "Textbook ch. 26 publisher: joins WiFi blinking GPIO15, publishes every 1000 ms",
  run: textbookPublisher,
};
