/**
 * `deno task dev --lan` seen from another machine on the classroom network: a network
 * namespace of this test's own, joined to the host by a veth pair, plays a student's
 * laptop. From there mosquitto_sub (TCP) and MQTT.js (WebSocket /mqtt) reach the
 * playground at the LAN address it printed, and hear the textbook publisher.
 * Needs root and iproute2 (CI has both); it says so and is ignored without them.
 */
import assert from "node:assert/strict";
import { post } from "./support/playground_api.ts";
import { startPlayground } from "./support/playground_process.ts";

const run = (cmd: string, args: string[]) =>
  new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).outputSync();

/** Names and a /24 unique to this run, so parallel or leftover runs never collide. */
const tag = `mqpg${Deno.pid % 100_000}`;
const subnet = `10.231.${Deno.pid % 250}`;
const HOST_IP = `${subnet}.1`;
const LAPTOP_IP = `${subnet}.2`;

function makeLan(): boolean {
  const steps: string[][] = [
    ["netns", "add", tag],
    ["link", "add", `${tag}h`, "type", "veth", "peer", "name", `${tag}s`],
    ["link", "set", `${tag}s`, "netns", tag],
    ["addr", "add", `${HOST_IP}/24`, "dev", `${tag}h`],
    ["link", "set", `${tag}h`, "up"],
    ["netns", "exec", tag, "ip", "addr", "add", `${LAPTOP_IP}/24`, "dev", `${tag}s`],
    ["netns", "exec", tag, "ip", "link", "set", `${tag}s`, "up"],
    ["netns", "exec", tag, "ip", "link", "set", "lo", "up"],
  ];
  for (const step of steps) {
    if (run("ip", step).code !== 0) {
      dropLan();
      return false;
    }
  }
  return true;
}

function dropLan(): void {
  run("ip", ["netns", "del", tag]);
  run("ip", ["link", "del", `${tag}h`]);
}

let lanReady = false;
try {
  lanReady = makeLan();
} catch {
  lanReady = false; // no `ip` here
}
if (!lanReady) {
  console.error("dev_lan_netns_test: cannot make a network namespace (needs root and iproute2)");
}

Deno.test({
  name: "dev --lan: a laptop on the LAN (a network namespace) joins over TCP and WebSocket",
  ignore: !lanReady,
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const playground = await startPlayground(["--lan"]);
    try {
      const output = playground.output();
      assert.match(output, new RegExp(`${HOST_IP.replaceAll(".", "\\.")}`), output);
      const mqttPort = /mqtt:\/\/[^:]+:(\d+)/.exec(output)![1];
      const webPort = new URL(playground.url).port;
      await post(playground.url, "/api/time", { action: "play", speed: 10 });

      const tcp = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          tag,
          "mosquitto_sub",
          "-h",
          HOST_IP,
          "-p",
          mqttPort,
          "-t",
          "/public/pz_esp32/1",
          "-C",
          "1",
          "-W",
          "30",
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const ws = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          tag,
          Deno.execPath(),
          "run",
          "-A",
          new URL("./support/lan_ws_client.ts", import.meta.url).pathname,
          `ws://${HOST_IP}:${webPort}/mqtt`,
          "/public/pz_esp32/1",
        ],
        cwd: new URL("..", import.meta.url).pathname,
        stdout: "piped",
        stderr: "piped",
      }).output();
      const [viaTcp, viaWs] = await Promise.all([tcp, ws]);
      const text = new TextDecoder();
      assert.equal(text.decode(viaTcp.stdout).trim(), "Hello PRECHIN", text.decode(viaTcp.stderr));
      assert.equal(text.decode(viaWs.stdout).trim(), "Hello PRECHIN", text.decode(viaWs.stderr));
    } finally {
      await playground.stop();
    }
  },
});

addEventListener("unload", () => {
  if (lanReady) dropLan();
});
