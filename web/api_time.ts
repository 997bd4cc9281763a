/** HTTP API for time: play, pause, step to the next event or packet, speed, flat out. */
import { Hono } from "hono";
import type { EventHub } from "./events.ts";
import type { Pacer, PacerState } from "./pacer.ts";

/** The message every `/events` client gets for the clock. */
export function clockMessage(state: PacerState) {
  return { kind: "clock", nowUs: state.nowUs, mode: state.mode, speed: state.speed } as const;
}

type TimeAction =
  | { action: "play"; speed?: number }
  | { action: "pause" }
  | { action: "step"; to?: "event" | "packet" }
  | { action: "max" }
  | { action: "speed"; speed: number }
  | { action: "seek"; atUs: number };

const TIME_ACTIONS = ["play", "pause", "step", "max", "speed", "seek"];
/** "Step to the next packet" gives up after this many events without one. */
const MAX_EVENTS_PER_PACKET_STEP = 1_000_000;

export interface TimeApiParts {
  pacer: Pacer;
  hub: EventHub;
  /** The seq the next packet gets; absent when the host has no packets. */
  nextPacketSeq?: () => number;
  /** Moves a replay to a time (back or forward); absent when the host cannot. */
  seek?: (atUs: number) => Promise<void>;
}

export function timeApi({ pacer, hub, nextPacketSeq, seek }: TimeApiParts): Hono {
  const app = new Hono();

  app.get("/api/clock", (c) => c.json(clockMessage(pacer.state)));

  app.post("/api/time", async (c) => {
    let body: TimeAction;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'Body must be JSON such as {"action":"play","speed":10}' }, 400);
    }
    if (!body || !TIME_ACTIONS.includes(body.action)) {
      return c.json({ error: `action must be one of ${TIME_ACTIONS.join(", ")}` }, 400);
    }
    try {
      switch (body.action) {
        case "play":
          pacer.play(body.speed ?? pacer.state.speed);
          break;
        case "pause":
          pacer.pause();
          await pacer.settled(); // a tick under way finishes first: then nothing moves
          break;
        case "step":
          if (body.to === "packet" && nextPacketSeq) {
            const waitingFor = nextPacketSeq();
            await pacer.stepUntil(() => nextPacketSeq() > waitingFor, MAX_EVENTS_PER_PACKET_STEP);
          } else {
            await pacer.step();
          }
          break;
        case "max":
          pacer.runAsFastAsPossible();
          break;
        case "speed":
          pacer.setSpeed(Number(body.speed));
          break;
        case "seek":
          if (!seek) throw new Error("This host cannot seek");
          pacer.pause();
          await pacer.settled();
          await seek(Number(body.atUs));
          break;
      }
    } catch (err) {
      return c.json({ error: err instanceof Error ? err.message : String(err) }, 400);
    }
    const state = clockMessage(pacer.state);
    hub.broadcast(state);
    return c.json(state);
  });

  return app;
}
