import assert from "node:assert/strict";
import { BoardFiles } from "./board_files.ts";

Deno.test("BoardFiles: a new board has boot.py and umqtt; main.py is the program", () => {
  const files = BoardFiles.withMain("print(1)\n");
  assert.deepEqual(files.list(), [
    "boot.py",
    "lib/umqtt/__init__.py",
    "lib/umqtt/simple.py",
    "main.py",
  ]);
  assert.equal(files.read("/main.py"), "print(1)\n");
  assert.match(files.read("boot.py")!, /executed on every boot/);
});

Deno.test("BoardFiles: edits, removals and paths a board cannot have", () => {
  const files = new BoardFiles({}, false);
  files.write("./lib/x.py", "x = 1");
  assert.deepEqual(files.snapshot(), { "lib/x.py": "x = 1" });
  assert.equal(files.remove("lib/x.py"), true);
  assert.throws(() => files.write("../etc/passwd", ""), /board file path/);
  assert.throws(() => files.write("_sim/machine.py", ""), /built-in modules/);
});
