/** Joining WiFi the short way (no LED), for the lesson programs that are not the textbook's. */
import {
  type MicroPython,
  MicroPythonError,
  param,
  type PinApi,
  type ProgramParams,
  type WlanApi,
} from "../../devices/mod.ts";

const WIFI_TIMEOUT_S = 20;

export async function joinWifi(mp: MicroPython, params: ProgramParams): Promise<WlanApi> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  if (!wlan.isconnected()) {
    wlan.connect(param(params, "ssid", "ssid"), param(params, "password", "12345678"));
    const start = time.time();
    while (!wlan.isconnected()) {
      if (time.time() - start > WIFI_TIMEOUT_S) {
        throw new MicroPythonError("OSError", `WiFi timeout, status ${wlan.status()}`);
      }
      await time.sleepMs(100);
    }
  }
  mp.print("network information:", wlan.ifconfig());
  return wlan;
}

/**
 * The textbook's wifi_connect() with the fix of lesson 05: after the loop it asks again
 * and returns True when the board is on the network.
 */
export async function fixedWifiConnect(
  mp: MicroPython,
  led1: PinApi,
  ssid: string,
  password: string,
): Promise<boolean> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF);
  wlan.active(true);
  const start_time = time.time();
  if (!wlan.isconnected()) {
    mp.print("conneting to network...");
    wlan.connect(ssid, password);
    while (!wlan.isconnected()) {
      led1.value(1);
      await time.sleepMs(300);
      led1.value(0);
      await time.sleepMs(300);
      if (time.time() - start_time > 150) {
        mp.print("WIFI Connect Timeout!");
        break;
      }
    }
  }
  if (wlan.isconnected()) {
    led1.value(0);
    mp.print("network information:", wlan.ifconfig());
    return true;
  }
  return false;
}
