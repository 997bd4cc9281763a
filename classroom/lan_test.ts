import assert from "node:assert/strict";
import { classroomAddress, lanAddresses, lanBanner, qrPage, scoreAddress } from "./lan.ts";

const nic = (name: string, address: string, family: "IPv4" | "IPv6" = "IPv4") => ({
  family,
  name,
  address,
  netmask: family === "IPv4" ? "255.255.255.0" : "ffff:ffff:ffff:ffff::",
  scopeid: null,
  cidr: `${address}/24`,
  mac: "00:00:00:00:00:00",
});

const LAPTOP = [
  nic("lo", "127.0.0.1"),
  nic("lo", "::1", "IPv6"),
  nic("docker0", "172.17.0.1"),
  nic("tailscale0", "100.101.1.2"),
  nic("eth0", "10.0.5.23"),
  nic("wlp2s0", "192.168.1.20"),
  nic("wlp2s0", "fe80::1", "IPv6"),
  nic("enx", "169.254.3.4"),
];

Deno.test("lanAddresses() drops loopback, link-local and IPv6, best guess first", () => {
  const list = lanAddresses(LAPTOP);
  assert.deepEqual(list.map((a) => a.address).slice(0, 2), ["192.168.1.20", "10.0.5.23"]);
  assert.deepEqual(list.map((a) => a.address).slice(2).sort(), ["100.101.1.2", "172.17.0.1"]);
  assert.match(list[0].why, /WiFi/);
  assert.equal(classroomAddress(LAPTOP)?.interface, "wlp2s0");
  assert.equal(classroomAddress([nic("lo", "127.0.0.1")]), undefined);
});

Deno.test("scoreAddress() marks container bridges down even in private ranges", () => {
  assert.ok(
    scoreAddress("192.168.122.1", "virbr0")!.score < scoreAddress("10.1.1.1", "eth0")!.score,
  );
  assert.equal(scoreAddress("127.0.1.1", "lo"), undefined);
});

Deno.test("lanAddresses() reads this machine's interfaces without failing", () => {
  for (const a of lanAddresses()) assert.doesNotMatch(a.address, /^127\./);
});

Deno.test("lanBanner() names the web, MQTT and WebSocket addresses and draws the QR code", () => {
  const text = lanBanner({ webPort: 8000, mqttPort: 1883, interfaces: LAPTOP, ansi: false });
  assert.match(text, /http:\/\/192\.168\.1\.20:8000\//);
  assert.match(text, /SERVER = "192\.168\.1\.20", port 1883/);
  assert.match(text, /ws:\/\/192\.168\.1\.20:8000\/mqtt/);
  assert.match(text, /Other addresses: 10\.0\.5\.23 \(eth0\)/);
  assert.match(text, /\u2588/);
  assert.match(lanBanner({ webPort: 8000, mqttPort: 1883, interfaces: [] }), /No network/);
});

Deno.test("qrPage() is a page with the SVG code and the escaped URL", () => {
  const html = qrPage({ url: "http://10.0.0.2:8000/?a=1&b=2", mqttHost: "10.0.0.2" });
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<svg [^>]*viewBox="0 0 37 37"/);
  assert.match(html, /\?a=1&amp;b=2/);
  assert.match(html, /MQTT: <code>10\.0\.0\.2<\/code> port <code>1883<\/code>/);
});
