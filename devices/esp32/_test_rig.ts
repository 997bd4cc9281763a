/** Test helper: a board on a network with the textbook's access point. */
import { SeededRandom, VirtualClock, VirtualNetwork } from "../../sim/mod.ts";
import { Activity } from "./activity.ts";
import { Board } from "./board.ts";

export const BROKER_IP = "47.100.1.1";

export function rig(name = "b1", seed = 7) {
  const clock = new VirtualClock();
  const random = new SeededRandom(seed);
  const network = new VirtualNetwork(clock, random.fork("network"), { defaultHostIp: BROKER_IP });
  network.addAccessPoint({ ssid: "ssid", password: "12345678" });
  const activity = new Activity();
  const board = new Board({ name }, { clock, network, random, activity });
  return { clock, random, network, activity, board };
}

/** Runs the clock like the world does: one event, then let running tasks block again. */
export async function run(
  r: { clock: VirtualClock; activity: Activity },
  untilUs: number,
): Promise<void> {
  for (;;) {
    while (r.activity.running > 0) await r.activity.settled();
    const next = r.clock.nextEventAt();
    if (next === undefined || next > untilUs) break;
    r.clock.runNext();
  }
  await r.activity.settled();
  if (r.clock.nowUs < untilUs) r.clock.advanceTo(untilUs);
}
