import assert from "node:assert/strict";
import { Acl, type AclWho, Authenticator } from "../broker/auth/mod.ts";
import { parseConfig } from "../broker/mod.ts";
import { makePassword, PASSWORD_ALPHABET, seededBytes } from "./passwords.ts";
import { makeSeats, seatName, withSeats } from "./seats.ts";

const FAST = { iterations: 10 };

Deno.test("makePassword() gives 4+4 characters without look-alikes", () => {
  const random = seededBytes(1);
  for (let i = 0; i < 200; i++) {
    const p = makePassword(random);
    assert.match(p, /^[a-z2-9]{4}-[a-z2-9]{4}$/);
    assert.doesNotMatch(p, /[01oli]/);
    for (const ch of p.replace("-", "")) assert.ok(PASSWORD_ALPHABET.includes(ch));
  }
});

Deno.test("seatName() pads to two digits, or more for big classes", () => {
  assert.equal(seatName(7, 30), "seat07");
  assert.equal(seatName(7, 120), "seat007");
});

Deno.test("makeSeats() is one sheet per seed, with distinct passwords and valid config", async () => {
  const a = await makeSeats(30, { random: seededBytes(7), ...FAST });
  const b = await makeSeats(30, { random: seededBytes(7), ...FAST });
  assert.deepEqual(a.seats.map((s) => s.password), b.seats.map((s) => s.password));
  assert.equal(new Set(a.seats.map((s) => s.password)).size, 30);
  assert.deepEqual(a.seats.map((s) => s.username).slice(0, 2), ["seat01", "seat02"]);
  assert.equal(a.seats[6].topic, "class/seat07/#");
  parseConfig(a.config); // throws when the broker would not accept it
  await assert.rejects(() => makeSeats(0), /from 1 to 999/);
});

Deno.test("the seats' ACL: own tree and class/public, nothing else; teacher everything", async () => {
  const { config } = await makeSeats(8, { random: seededBytes(3), ...FAST });
  const acl = new Acl(config.acl);
  const seat7 = { clientId: "esp32-a", username: "seat07" };
  const allowed = (who: AclWho, action: "publish" | "subscribe", topic: string) =>
    acl.checkTopic(who, action, topic).allowed;
  assert.ok(allowed(seat7, "publish", "class/seat07/led"));
  assert.ok(allowed(seat7, "publish", "class/seat07"));
  assert.ok(allowed(seat7, "subscribe", "class/public/chat"));
  assert.ok(!allowed(seat7, "publish", "class/seat08/led"));
  assert.ok(!allowed(seat7, "publish", "home/led"));
  assert.ok(acl.checkFilter(seat7, "class/seat07/#").allowed);
  assert.ok(!acl.checkFilter(seat7, "class/#").allowed);
  assert.ok(!acl.checkFilter(seat7, "#").allowed);
  const teacher = { clientId: "t", username: "teacher" };
  assert.ok(acl.checkFilter(teacher, "#").allowed);
  assert.ok(acl.checkFilter(teacher, "$SYS/#").allowed);
  assert.ok(allowed(teacher, "publish", "class/seat03/led"));
  // No username: only the world's own boards get this far (anonymousTransports), and they
  // keep the topics of their programs.
  assert.ok(allowed({ clientId: "PZ-ESP32" }, "publish", "/public/pz_esp32/1"));
});

Deno.test("the seats' users: a seat's password works, anonymous and strangers do not", async () => {
  const seats = await makeSeats(2, { random: seededBytes(5), ...FAST });
  const auth = new Authenticator(seats.config);
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.equal(await auth.check("seat02", bytes(seats.seats[1].password)), "ok");
  assert.equal(await auth.check("seat02", bytes(seats.seats[0].password)), "bad-credentials");
  assert.equal(await auth.check("teacher", bytes(seats.teacher.password)), "ok");
  assert.equal(auth.decideWithoutHash(undefined), "not-authorized");
  assert.equal(auth.decideWithoutHash(undefined, "tcp"), "not-authorized");
  assert.equal(auth.decideWithoutHash(undefined, "ws"), "not-authorized");
  // The world's boards, on the virtual network, still connect without a username.
  assert.equal(auth.decideWithoutHash(undefined, "virtual"), "ok");
  assert.equal(await auth.check("seat99", bytes("x")), "bad-credentials");
});

Deno.test("withSeats() keeps a config's users and rules first, and denies by default", async () => {
  const seats = await makeSeats(2, { random: seededBytes(5), ...FAST });
  const merged = withSeats({
    sysIntervalS: 5,
    users: [{ username: "esp32", passwordHash: "$pbkdf2-sha256$1$AA==$AA==" }],
    acl: { default: "allow", rules: [{ permission: "deny", action: "all", topics: ["x/#"] }] },
  }, seats);
  assert.equal(merged.sysIntervalS, 5);
  assert.equal(merged.allowAnonymous, false);
  assert.equal(merged.acl?.default, "deny");
  assert.deepEqual(merged.users?.map((u) => u.username), ["esp32", "teacher", "seat01", "seat02"]);
  assert.deepEqual(merged.acl?.rules?.[0].topics, ["x/#"]);
});

Deno.test("table() lists seat, username, password and topic, the teacher last", async () => {
  const seats = await makeSeats(2, {
    random: seededBytes(9),
    teacherPassword: "tttt-tttt",
    ...FAST,
  });
  const lines = seats.table().trimEnd().split("\n");
  assert.match(lines[0], /^seat\s+username\s+password\s+topic$/);
  assert.match(
    lines[2],
    new RegExp(`^1\\s+seat01\\s+${seats.seats[0].password}\\s+class/seat01/#$`),
  );
  assert.match(lines[5], /^\s+teacher\s+tttt-tttt\s+# \(everything\)$/);
  assert.match(lines.at(-1)!, /class\/public\/#/);
});
