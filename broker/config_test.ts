import assert from "node:assert/strict";
import { loadConfig, parseConfig } from "./config.ts";

Deno.test("parseConfig() accepts the documented example", () => {
  const c = parseConfig({
    allowAnonymous: false,
    users: [{ username: "esp32", passwordHash: "$pbkdf2-sha256$1000$AA==$AA==" }],
    acl: {
      default: "deny",
      rules: [{ permission: "allow", action: "all", topics: ["home/%u/#"] }],
    },
    limits: { maxInflight: 10 },
    sysIntervalS: 5,
  });
  assert.equal(c.limits?.maxInflight, 10);
});

Deno.test("parseConfig() names the first bad field", () => {
  assert.throws(() => parseConfig([]), /must be a JSON object/);
  assert.throws(() => parseConfig({ user: [] }), /unknown key 'user'/);
  assert.throws(
    () => parseConfig({ users: [{ username: "a", passwordHash: "plain" }] }),
    /users\[0\]\.passwordHash must come from 'deno task passwd'/,
  );
  assert.throws(
    () => parseConfig({ acl: { rules: [{ permission: "maybe", action: "all", topics: [] }] } }),
    /acl\.rules\[0\]\.permission/,
  );
  assert.throws(() => parseConfig({ limits: { maxInflight: -1 } }), /limits\.maxInflight/);
  assert.throws(() => parseConfig({ limits: { speed: 1 } }), /unknown limit 'speed'/);
});

Deno.test("loadConfig() reports a missing file and bad JSON in one line", async () => {
  await assert.rejects(loadConfig("/nonexistent/broker.json"), /Cannot read broker config/);
  const path = await Deno.makeTempFile({ suffix: ".json" });
  await Deno.writeTextFile(path, "{ nope");
  await assert.rejects(loadConfig(path), /Cannot parse broker config/);
  await Deno.remove(path);
});

Deno.test("the config example in broker/README.md is accepted as written", async () => {
  const readme = await Deno.readTextFile(new URL("./README.md", import.meta.url));
  const json = /```json\n([\s\S]*?)```/.exec(readme)![1];
  const config = parseConfig(JSON.parse(json), "README example");
  assert.equal(config.acl?.rules?.length, 4);
  assert.equal(config.limits?.maxRetainedBytes, 67_108_864);
});
