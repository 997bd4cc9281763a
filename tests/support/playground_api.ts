/** Driving a running playground through its HTTP API, as the UI and a teacher's script do. */
import type { PacketDetail, PacketRow } from "../../web/protocol.ts";

export async function post(baseUrl: string, path: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`POST ${path}: ${JSON.stringify(answer)}`);
  return answer;
}

export async function packets(baseUrl: string): Promise<PacketRow[]> {
  return await fetch(new URL("/api/packets", baseUrl)).then((r) => r.json());
}

export async function packetDetail(baseUrl: string, seq: number): Promise<PacketDetail> {
  return await fetch(new URL(`/api/packets/${seq}`, baseUrl)).then((r) => r.json());
}

/**
 * Plays the world fast until `done(rows)` holds, then pauses it, so a test looks at a
 * world that holds still. Returns the rows at that moment.
 */
export async function runUntil(
  baseUrl: string,
  done: (rows: PacketRow[]) => boolean,
  limitMs = 20_000,
): Promise<PacketRow[]> {
  await post(baseUrl, "/api/time", { action: "play", speed: 100 });
  const started = Date.now();
  try {
    for (;;) {
      const rows = await packets(baseUrl);
      if (done(rows)) break;
      if (Date.now() - started > limitMs) {
        throw new Error(`The world did not get there in ${limitMs} ms: ${rows.length} packets`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await post(baseUrl, "/api/time", { action: "pause" });
  }
  // What happened between the last look and the pause counts too.
  return await packets(baseUrl);
}
