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

Deno.test("sim --board NAME=FILE.py runs the file on real MicroPython; a missing file is named", async () => {
  const file = await Deno.makeTempFile({ suffix: ".py" });
  try {
    await Deno.writeTextFile(
      file,
      'import time\nprint("hello")\ntime.sleep_ms(250)\nprint(1 + 1)\n',
    );
    const { code, out } = await sim("--board", `b=${file}`, "--until", "1s");
    assert.equal(code, 0);
    assert.match(out, /^ +0\.000000 {2}\[b\] hello\n +0\.250000 {2}\[b\] 2\n/);
    const missing = await sim("--board", "b=/nonexistent/main.py");
    assert.equal(missing.code, 2);
    assert.match(missing.err, /Cannot run \/nonexistent\/main\.py on a board/);
  } finally {
    await Deno.remove(file);
  }
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

Deno.test("sim --pcap writes a capture that tshark reads as the same MQTT packets", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/textbook.pcapng`;
    const { code, out } = await sim(
      "textbook-pubsub",
      "--until",
      "8s",
      "--format",
      "jsonl",
      "--pcap",
      file,
    );
    assert.equal(code, 0);
    const logged = out.trim().split("\n").map((l) => JSON.parse(l)).filter((r) =>
      r.kind === "packet"
    );
    const tshark = await new Deno.Command("tshark", {
      args: ["-r", file, "-Y", "mqtt", "-T", "fields", "-e", "mqtt.msgtype", "-e", "mqtt.topic"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(tshark.code, 0, new TextDecoder().decode(tshark.stderr));
    const TYPES = ["", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP"]
      .concat(["SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP"])
      .concat(["DISCONNECT", "AUTH"]);
    const seen = new TextDecoder().decode(tshark.stdout).trim().split("\n").map((line) => {
      const [code, topic] = line.split("\t");
      const type = TYPES[Number(code)];
      // tshark names SUBSCRIBE's filter "topic" too; the log has a topic only on PUBLISH.
      return type === "PUBLISH" ? `${type} ${topic}` : type;
    });
    assert.deepEqual(seen, logged.map((r) => `${r.type} ${r.topic ?? ""}`.trim()));
    assert.ok(seen.includes("PUBLISH /public/pz_esp32/1"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
