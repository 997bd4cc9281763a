/** `deno task sim` as a teacher and CI call it. */
import assert from "node:assert/strict";

async function sim(...args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/sim.ts", ...args],
    cwd: new URL("..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, out: text.decode(stdout), err: text.decode(stderr) };
}

Deno.test("sim --list names the built-in scenarios and programs", async () => {
  const { code, out } = await sim("--list");
  assert.equal(code, 0);
  for (const name of ["textbook-pubsub", "textbook-wifi-drop", "phone-led-switch", "led-switch"]) {
    assert.ok(out.includes(name), `--list lacks ${name}`);
  }
});

Deno.test("sim without a scenario runs --board programs in the default world (text lines)", async () => {
  const { code, out } = await sim(
    "--board",
    "pub=temperature-sensor",
    "--until",
    "4500ms",
    "--seed",
    "3",
  );
  assert.equal(code, 0);
  const lines = out.trimEnd().split("\n");
  assert.match(
    lines[0],
    /^ +\d+\.\d{6} {2}pub -> broker +CONNECT MQTT 3\.1\.1 client "sensor-pub"/,
  );
  assert.ok(
    lines.some((l) => /pub -> broker +PUBLISH qos0 sensors\/sensor-pub\/temperature/.test(l)),
  );
});

Deno.test("sim refuses a .py board with a clear message until MicroPython lands", async () => {
  const { code, err } = await sim("--board", "pub=main.py");
  assert.equal(code, 2);
  assert.match(err, /MicroPython \(\.py\) programs need the MicroPython runtime/);
});

Deno.test("sim loads a scenario from a JSON file; a bad one is refused by name", async () => {
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(
      file,
      JSON.stringify({
        name: "from-json",
        boards: [{ name: "b", program: "button-led" }],
        events: [{ atMs: 500, action: "button-press", board: "b" }],
      }),
    );
    const ok = await sim(file, "--until", "1s", "--format", "jsonl");
    assert.equal(ok.code, 0);
    assert.deepEqual(ok.out.trim().split("\n").map((l) => JSON.parse(l)), [
      { kind: "scenario", atUs: 500_000, action: "button-press", detail: "b GPIO0" },
      { kind: "console", atUs: 500_000, board: "b", text: "button pressed (1)" },
    ]);
    await Deno.writeTextFile(file, JSON.stringify({ name: "bad", boards: [{ name: "b" }] }));
    const bad = await sim(file);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /boards\[0\]\.program must be a string/);
  } finally {
    await Deno.remove(file);
  }
});
