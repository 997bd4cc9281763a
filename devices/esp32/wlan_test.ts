import assert from "node:assert/strict";
import { rig } from "./_test_rig.ts";
import {
  STAT_BEACON_TIMEOUT,
  STAT_CONNECTING,
  STAT_GOT_IP,
  STAT_IDLE,
  STAT_NO_AP_FOUND,
  STAT_WRONG_PASSWORD,
} from "./wlan.ts";

Deno.test("WLAN joins: CONNECTING, then GOT_IP with a DHCP address", () => {
  const { board, clock } = rig();
  const wlan = board.wlan();
  assert.throws(() => wlan.connect("ssid", "12345678"), { message: "Wifi Not Started" });
  wlan.active(true);
  assert.equal(wlan.status(), STAT_IDLE);
  wlan.connect("ssid", "12345678");
  assert.equal(wlan.status(), STAT_CONNECTING);
  assert.equal(wlan.isconnected(), false);
  assert.deepEqual(wlan.ifconfig(), ["0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0"]);
  clock.runUntilIdle();
  assert.equal(wlan.status(), STAT_GOT_IP);
  assert.equal(wlan.isconnected(), true);
  assert.deepEqual(wlan.ifconfig(), [
    "192.168.1.100",
    "255.255.255.0",
    "192.168.1.1",
    "192.168.1.1",
  ]);
  assert.equal(wlan.status("rssi"), -55);
});

Deno.test("WLAN failures keep their reason: 202 wrong password, 201 no AP, 200 link lost", () => {
  const { board, clock, network } = rig();
  const wlan = board.wlan();
  wlan.active(true);
  wlan.connect("ssid", "wrong");
  clock.runUntilIdle();
  assert.equal(wlan.status(), STAT_WRONG_PASSWORD);
  wlan.connect("nope", "x");
  clock.runUntilIdle();
  assert.equal(wlan.status(), STAT_NO_AP_FOUND);
  wlan.connect("ssid", "12345678");
  clock.runUntilIdle();
  network.dropWifi("b1");
  assert.equal(wlan.status(), STAT_BEACON_TIMEOUT);
  assert.equal(wlan.isconnected(), false);
});

Deno.test("config('mac') is an Espressif MAC fixed by the seed and the board name", () => {
  const a = rig("b1", 1).board.wlan().config("mac") as Uint8Array;
  const b = rig("b1", 1).board.wlan().config("mac") as Uint8Array;
  const c = rig("b2", 1).board.wlan().config("mac") as Uint8Array;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.deepEqual([...a.slice(0, 3)], [0x24, 0x0a, 0xc4]);
  const ap = rig("b1", 1).board.wlan(1).config("mac") as Uint8Array;
  assert.equal(ap[5], a[5] + 1);
});

Deno.test("config(reconnects=n): a lost link is joined again; a wrong password is retried n times", () => {
  const { board, clock, network } = rig();
  const wlan = board.wlan();
  wlan.active(true);
  wlan.configure({ reconnects: -1 });
  wlan.connect("ssid", "12345678");
  clock.runUntilIdle();
  network.dropWifi("b1");
  assert.equal(wlan.status(), STAT_CONNECTING);
  clock.runUntilIdle();
  assert.equal(wlan.status(), STAT_GOT_IP);

  wlan.configure({ reconnects: 2 });
  const t0 = clock.nowUs;
  wlan.connect("ssid", "wrong");
  clock.runUntilIdle();
  assert.equal(wlan.status(), STAT_WRONG_PASSWORD);
  assert.ok(clock.nowUs - t0 >= 3 * 3_000_000, "three attempts of >= 3 s each");
  assert.equal(wlan.config("reconnects"), 2);
});
