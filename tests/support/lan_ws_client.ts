/**
 * A student's laptop on the classroom LAN, for tests/dev_lan_netns_test.ts: run in
 * another network namespace, it connects MQTT.js over WebSocket to the address the
 * teacher's playground printed, prints the first message on a topic, and exits.
 */
import mqtt from "mqtt";

const [url, topic] = Deno.args;
const client = mqtt.connect(url, { clientId: "laptop-seat07", reconnectPeriod: 0 });
const timer = setTimeout(() => {
  console.error(`No message on ${topic} within 20 s`);
  Deno.exit(1);
}, 20_000);
client.on("error", (err) => {
  console.error(String(err));
  Deno.exit(1);
});
client.on("connect", () => client.subscribe(topic));
client.on("message", (_topic, payload) => {
  console.log(new TextDecoder().decode(payload));
  clearTimeout(timer);
  client.end(true, {}, () => Deno.exit(0));
});
