/**
 * The textbook's `wifi_connect()`, line by line, including its quirks: the LED blinks
 * every 300 ms while joining, the timeout is 150 s (the comment says 15), and after a
 * successful join it still returns False: the program only reaches MQTT when it runs
 * again with WiFi already up (a soft reset keeps it, as on the board).
 */
import type { MicroPython, PinApi } from "./micropython.ts";

/** `if time.time()-start_time>150:` */
export const TEXTBOOK_WIFI_TIMEOUT_S = 150;

export async function textbookWifiConnect(
  mp: MicroPython,
  led1: PinApi,
  ssid: string,
  password: string,
): Promise<boolean> {
  const { network, time } = mp;
  const wlan = new network.WLAN(network.STA_IF); // STA mode
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
      if (time.time() - start_time > TEXTBOOK_WIFI_TIMEOUT_S) {
        mp.print("WIFI Connect Timeout!");
        break;
      }
    }
    return false;
  } else {
    led1.value(0);
    mp.print("network information:", wlan.ifconfig());
    return true;
  }
}
