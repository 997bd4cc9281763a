/** A real Mosquitto (Debian's) on a free port of 127.0.0.1, for tests that need a reference broker. */

const which = new Deno.Command("which", { args: ["mosquitto"], stdout: "piped" }).outputSync();
/** Empty when Mosquitto is not installed (`.ci/run` installs it). */
export const MOSQUITTO_PATH = new TextDecoder().decode(which.stdout).trim();

export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Waits until something accepts TCP on `port`. */
export async function waitForPort(port: number, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    try {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      conn.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error(`Nothing opened port ${port} within ${limitMs} ms`);
}

export interface RunningMosquitto {
  port: number;
  stop(): Promise<void>;
}

export async function startMosquitto(): Promise<RunningMosquitto> {
  const port = freePort();
  const child = new Deno.Command(MOSQUITTO_PATH, {
    args: ["-p", String(port)],
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    await waitForPort(port);
  } catch (err) {
    child.kill("SIGKILL");
    await child.status;
    throw err;
  }
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}
