import assert from "node:assert/strict";
import { peer, publish, pubs, setup, subscribe } from "./_test_helpers.ts";
import { str } from "../_test_peer.ts";

Deno.test("ACL: denied publish and subscribe are refused with the rule named", () => {
  const { broker, events } = setup({
    acl: {
      default: "allow",
      rules: [{ permission: "deny", action: "all", topics: ["secret/#"] }],
    },
  });
  const v4 = peer(broker, "v4");
  assert.deepEqual(subscribe(v4, "secret/x", 1).reasonCodes, [0x80]);
  const v5 = peer(broker, "v5", 5);
  const suback = subscribe(v5, "secret/#", 1);
  assert.deepEqual(suback.reasonCodes, [0x87]);
  assert.equal(
    suback.properties?.reasonString,
    "'secret/#' not authorized (rule 1: deny all all secret/#)",
  );
  subscribe(v4, "#", 0);
  publish(v5, "secret/x", "no", 1);
  assert.deepEqual(v5.take(), [{
    type: "PUBACK",
    packetId: 7,
    reasonCode: 0x87,
    properties: { reasonString: "not authorized (rule 1: deny all all secret/#)" },
  }]);
  assert.deepEqual(pubs(v4), []);
  const refusal = events.find((e) => e.type === "acl-refused");
  assert.equal(refusal?.type === "acl-refused" && refusal.rule, "rule 1: deny all all secret/#");
});

Deno.test("shared subscriptions: one member of a group gets each message, in turn", () => {
  const { broker } = setup();
  const a = peer(broker, "a", 5);
  const b = peer(broker, "b", 5);
  const plain = peer(broker, "plain", 4);
  subscribe(a, "$share/g/jobs/+", 1);
  subscribe(b, "$share/g/jobs/+", 1);
  subscribe(plain, "jobs/#");
  const p = peer(broker, "p", 4);
  for (let i = 0; i < 4; i++) publish(p, `jobs/${i}`, `${i}`, 0);
  assert.deepEqual(pubs(a).map((m) => str(m.payload)), ["0", "2"]);
  assert.deepEqual(pubs(b).map((m) => str(m.payload)), ["1", "3"]);
  assert.equal(pubs(plain).length, 4);
  a.send({
    type: "SUBSCRIBE",
    packetId: 2,
    subscriptions: [{ topicFilter: "$share/g/x", qos: 0, noLocal: true }],
  });
  assert.equal((a.take()[0] as { reasonCode?: number }).reasonCode, 0x82); // [MQTT-3.8.3-4]
});

Deno.test("UNSUBSCRIBE stops deliveries; v5 UNSUBACK says which existed", () => {
  const { broker } = setup();
  const s = peer(broker, "s", 5);
  subscribe(s, "t");
  s.send({ type: "UNSUBSCRIBE", packetId: 3, topicFilters: ["t", "nope"] });
  assert.deepEqual(s.take(), [{ type: "UNSUBACK", packetId: 3, reasonCodes: [0, 0x11] }]);
  const p = peer(broker, "p");
  publish(p, "t", "x");
  assert.deepEqual(pubs(s), []);
});
