import assert from "node:assert/strict";
import { Authenticator } from "./authenticator.ts";
import { hashPassword, parseHash, verifyPassword } from "./password.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const SALT = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const FAST_ITERATIONS = 1000;

Deno.test("hashPassword() is deterministic for a salt and verifies", async () => {
  const a = await hashPassword("public", SALT, FAST_ITERATIONS);
  assert.equal(a, await hashPassword("public", SALT, FAST_ITERATIONS));
  assert.match(a, /^\$pbkdf2-sha256\$1000\$AQIDBAUGBwg=\$[A-Za-z0-9+/=]{44}$/);
  assert.equal(await verifyPassword(enc("public"), a), true);
  assert.equal(await verifyPassword(enc("Public"), a), false);
  assert.equal(parseHash(a).iterations, FAST_ITERATIONS);
  assert.throws(() => parseHash("plain"), /deno task passwd/);
});

Deno.test("Authenticator: anonymous by default, refusals when users are configured", async () => {
  const open = new Authenticator();
  assert.equal(open.decideWithoutHash(undefined), "ok");
  assert.equal(open.decideWithoutHash("anyone"), "ok");
  const hash = await hashPassword("secret", SALT, FAST_ITERATIONS);
  const closed = new Authenticator({
    allowAnonymous: false,
    users: [{ username: "esp32", passwordHash: hash }],
  });
  assert.equal(closed.decideWithoutHash(undefined), "not-authorized");
  assert.equal(closed.needsHash("esp32"), true);
  assert.equal(await closed.check("esp32", enc("secret")), "ok");
  assert.equal(await closed.check("esp32", enc("nope")), "bad-credentials");
  assert.equal(await closed.check("esp32", undefined), "bad-credentials");
  assert.equal(await closed.check("ghost", enc("x")), "bad-credentials");
});

Deno.test("deno task passwd prints a hash that verifies", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./passwd_cli.ts", import.meta.url).pathname, "hunter2"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const line = new TextDecoder().decode(out.stdout).trim();
  assert.equal(await verifyPassword(enc("hunter2"), line), true);
});
