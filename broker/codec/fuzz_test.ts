import assert from "node:assert/strict";
import { fuzz } from "./fuzz.ts";

Deno.test("fuzz: 20,000 seeded random and mutated frames throw only CodecError, and dissect tiles them", () => {
  const stats = fuzz(7, 20_000);
  assert.equal(stats.frames, 20_000);
  assert.ok(
    stats.decoded > 1000,
    `only ${stats.decoded} inputs decoded: mutations too destructive`,
  );
  assert.ok(stats.rejected > 1000, `only ${stats.rejected} inputs rejected: mutations too gentle`);
});
