/** Starts `main.ts` as a real child process, as `deno task dev` does, and finds its URL. */

export interface PlaygroundProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

const MAIN = new URL("../../main.ts", import.meta.url).pathname;
const STARTUP_LIMIT_MS = 60_000;

export async function startPlayground(args: string[] = []): Promise<PlaygroundProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "--port", "0", "--mqtt-port", "0", ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  };
  const done = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const started = Date.now();
  let url: string | undefined;
  while (!url) {
    // main.ts ends its start-up output with this line: everything it printed is here.
    const match = text.includes("Press Ctrl-C to stop") && text.match(/running: (http:\/\/\S+)/);
    if (match) url = match[1];
    else if (Date.now() - started > STARTUP_LIMIT_MS) {
      child.kill();
      throw new Error(`The playground did not start within ${STARTUP_LIMIT_MS} ms:\n${text}`);
    } else await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    output: () => text,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
      await done;
    },
  };
}
