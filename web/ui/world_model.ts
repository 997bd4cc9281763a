/**
 * The UI's state, outside components: signals fed by the `/events` socket.
 * Components read these signals, so only what changed re-renders.
 */
import { signal } from "@preact/signals";

export type PaceMode = "paused" | "playing" | "max";

export interface ClockMessage {
  kind: "clock";
  nowUs: number;
  mode: PaceMode;
  speed: number;
}

export type ServerMessage = ClockMessage;

export function createWorldModel() {
  const nowUs = signal(0);
  const mode = signal<PaceMode>("paused");
  const speed = signal(1);
  const online = signal(false);

  function apply(message: ServerMessage): void {
    if (message.kind === "clock") {
      nowUs.value = message.nowUs;
      mode.value = message.mode;
      speed.value = message.speed;
    }
  }

  async function sendTime(body: Record<string, unknown>): Promise<void> {
    const response = await fetch("/api/time", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.ok) apply(await response.json());
  }

  /** Opens `/events` and reconnects after a drop (the server may restart in class). */
  function connect(): void {
    const url = new URL("/events", location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(url);
    socket.onopen = () => (online.value = true);
    socket.onmessage = (event) => apply(JSON.parse(event.data));
    socket.onclose = () => {
      online.value = false;
      setTimeout(connect, 1_000);
    };
  }

  return {
    nowUs,
    mode,
    speed,
    online,
    connect,
    play: (s?: number) => sendTime({ action: "play", speed: s }),
    pause: () => sendTime({ action: "pause" }),
    step: () => sendTime({ action: "step" }),
    max: () => sendTime({ action: "max" }),
    setSpeed: (s: number) => sendTime({ action: "speed", speed: s }),
  };
}

export type WorldModel = ReturnType<typeof createWorldModel>;
