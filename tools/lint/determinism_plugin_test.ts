import assert from "node:assert/strict";
import plugin, { isWorldFile } from "./determinism_plugin.ts";

const lint = (path: string, source: string) =>
  Deno.lint.runPlugin(plugin, path, source).map((d) => d.message.split(" reads")[0]);

Deno.test("the guard catches every way of reading host time or randomness in the world", () => {
  const source = [
    "const a = Date.now();",
    "const b = new Date();",
    "const c = performance.now();",
    "setTimeout(() => {}, 10);",
    "setInterval(() => {}, 10);",
    "const d = Math.random();",
    "crypto.getRandomValues(new Uint8Array(4));",
    "const e = crypto.randomUUID();",
    "globalThis.setTimeout(() => {}, 1);",
    "const f = Date();",
  ].join("\n");
  for (const folder of ["sim", "broker", "devices"]) {
    assert.deepEqual(lint(`/repo/${folder}/x.ts`, source), [
      "Date.now",
      "new Date()",
      "performance.now",
      "setTimeout()",
      "setInterval()",
      "Math.random",
      "crypto.getRandomValues",
      "crypto.randomUUID",
      "globalThis.setTimeout",
      "Date()",
    ]);
  }
});

Deno.test("the guard lets deterministic code through", () => {
  const source = [
    "const clock = { nowUs: 0 };",
    "const d = new Date(1_700_000_000_000);",
    "const m = Math.max(1, 2);",
    "const s = crypto.subtle;",
    "const r = { now: () => 1 }; r.now();",
  ].join("\n");
  assert.deepEqual(lint("/repo/broker/ok.ts", source), []);
});

Deno.test("the guard applies only to world folders and not to tests beside the code", () => {
  const source = "const a = Date.now();";
  assert.deepEqual(lint("/repo/web/pacer.ts", source), []);
  assert.deepEqual(lint("/repo/broker/tcp_test.ts", source), []);
  assert.deepEqual(lint("/repo/main.ts", source), []);
  assert.equal(isWorldFile("/repo/devices/esp32/pin.ts"), true);
  assert.equal(isWorldFile("/repo/node_modules/sim/x.ts"), false);
});

Deno.test("a line marked 'determinism-guard: allow' with a reason passes", () => {
  const source =
    "crypto.getRandomValues(salt); // determinism-guard: allow (host CLI)\nMath.random();";
  assert.deepEqual(lint("/repo/broker/auth/passwd_cli.ts", source), ["Math.random"]);
});

Deno.test("`deno lint` with the project's config runs the guard and fails on a violation", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/devices`);
    await Deno.writeTextFile(`${dir}/devices/bad.ts`, "export const t = Date.now();\n");
    const config = new URL("../../deno.json", import.meta.url).pathname;
    const { code, stderr, stdout } = await new Deno.Command(Deno.execPath(), {
      args: ["lint", "--config", config, `${dir}/devices/bad.ts`],
      env: { NO_COLOR: "1" },
    }).output();
    const out = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    assert.notEqual(code, 0);
    assert.match(out, /determinism\/no-host-time/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
