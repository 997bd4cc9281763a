import assert from "node:assert/strict";
import { Acl } from "./acl.ts";

const blog = new Acl({
  default: "deny",
  rules: [
    { permission: "allow", username: "dashboard", action: "subscribe", topics: ["$SYS/#"] },
    { permission: "deny", action: "all", topics: ["secret/#"] },
    { permission: "allow", action: "all", topics: ["home/%u/#", "dev/%c/+"] },
    { permission: "allow", clientId: "phone", action: "publish", topics: ["esp32/led"] },
  ],
});

Deno.test("Acl: first matching rule wins, with the rule named", () => {
  const d = blog.checkTopic({ clientId: "x", username: "bob" }, "publish", "secret/a");
  assert.deepEqual(d, { allowed: false, rule: "rule 2: deny all all secret/#" });
  assert.equal(
    blog.checkTopic({ clientId: "x", username: "bob" }, "publish", "home/bob/t").allowed,
    true,
  );
  assert.equal(
    blog.checkTopic({ clientId: "x", username: "amy" }, "publish", "home/bob/t").allowed,
    false,
  );
  assert.equal(blog.checkTopic({ clientId: "s1" }, "publish", "dev/s1/temp").allowed, true);
  assert.equal(blog.checkTopic({ clientId: "phone" }, "publish", "esp32/led").allowed, true);
  assert.equal(blog.checkTopic({ clientId: "phone" }, "subscribe", "esp32/led").allowed, false);
  assert.equal(blog.checkTopic({ clientId: "other" }, "publish", "esp32/led").rule, "default");
});

Deno.test("Acl: a subscription is allowed only when a rule covers the whole filter", () => {
  const dash = { clientId: "d", username: "dashboard" };
  assert.equal(blog.checkFilter(dash, "$SYS/broker/+").allowed, true);
  assert.equal(blog.checkFilter(dash, "#").allowed, false);
  assert.equal(blog.checkFilter({ clientId: "c", username: "bob" }, "home/bob/+").allowed, true);
  assert.equal(blog.checkFilter({ clientId: "c", username: "bob" }, "home/+/x").allowed, false);
});

Deno.test("Acl: placeholders never widen a rule with wildcards in the name", () => {
  assert.equal(
    blog.checkTopic({ clientId: "x", username: "+" }, "publish", "home/a/b").allowed,
    false,
  );
  assert.equal(blog.checkFilter({ clientId: "#" }, "dev/#").allowed, false);
  assert.equal(blog.checkTopic({ clientId: "x" }, "publish", "home/x/y").allowed, false);
});

Deno.test("Acl: the default allows everything and says so", () => {
  const open = new Acl();
  assert.equal(open.allowsEverything, true);
  assert.equal(open.checkTopic({ clientId: "a" }, "publish", "x").allowed, true);
  assert.equal(blog.allowsEverything, false);
});
