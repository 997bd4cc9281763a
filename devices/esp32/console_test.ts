import assert from "node:assert/strict";
import { VirtualClock } from "../../sim/mod.ts";
import { SerialConsole } from "./console.ts";

Deno.test("console lines end at '\\n' and carry the virtual time they ended at", () => {
  const clock = new VirtualClock();
  const out = new SerialConsole(() => clock.nowUs);
  const heard: string[] = [];
  const off = out.addListener((l) => heard.push(`${l.atUs}:${l.text}`));
  out.write("conneting ");
  clock.advanceTo(300);
  out.write("to network...\r\nsecond");
  clock.advanceTo(600);
  out.println("");
  off();
  out.println("unheard");
  assert.deepEqual(heard, ["300:conneting to network...", "600:second"]);
  assert.equal(out.history.length, 3);
});

Deno.test("the console keeps a bounded history for late readers", () => {
  const out = new SerialConsole(() => 0);
  for (let i = 0; i < 600; i++) out.println(`line ${i}`);
  assert.equal(out.history.length, 500);
  assert.equal(out.history[0].text, "line 100");
});
