import assert from "node:assert/strict";
import { SeededRandom } from "../sim/mod.ts";
import { type MatchResult, NaiveMatcher, TopicMatcher, TopicTree } from "./topic_tree.ts";
import {
  filterCovers,
  isValidTopicFilter,
  isValidTopicName,
  parseSharedFilter,
  topicMatches,
} from "./topic.ts";

function normalize<V>(r: MatchResult<V>): string[] {
  const out = r.direct.map((m) => `${m.clientId}=${String(m.value)}`);
  for (const s of r.shared) {
    out.push(`${s.key}:[${s.members.map((m) => m.clientId).sort().join(",")}]`);
  }
  return out.sort();
}

const CASES: [filter: string, topic: string, matches: boolean][] = [
  ["a/b/c", "a/b/c", true],
  ["a/b/c", "a/b", false],
  ["a/+/c", "a/b/c", true],
  ["a/+/c", "a/b/d", false],
  ["a/+", "a/", true],
  ["+/+", "/finance", true],
  ["/+", "/finance", true],
  ["+", "/finance", false],
  ["a/#", "a", true], // [MQTT-4.7.1-2] "#" includes the parent level
  ["a/#", "a/b/c", true],
  ["#", "a/b", true],
  ["#", "$SYS/broker/uptime", false], // [MQTT-4.7.2-1]
  ["+/broker/uptime", "$SYS/broker/uptime", false], // [MQTT-4.7.2-1]
  ["$SYS/#", "$SYS/broker/uptime", true],
  ["$SYS/+/uptime", "$SYS/broker/uptime", true],
  ["a/+/#", "a/b", true],
  ["a/+/#", "a", false],
  ["+", "", true],
  ["a//b", "a//b", true],
  ["a/+/b", "a//b", true],
];

function sharedSuite(name: string, make: () => TopicMatcher<number>) {
  Deno.test(`${name}: matches the table of spec cases`, () => {
    for (const [filter, topic, expected] of CASES) {
      const m = make();
      m.add(filter, "c", 1);
      assert.equal(m.match(topic).direct.length, expected ? 1 : 0, `${filter} vs ${topic}`);
    }
  });

  Deno.test(`${name}: add replaces, remove removes, size counts`, () => {
    const m = make();
    assert.equal(m.add("a/#", "c1", 1), true);
    assert.equal(m.add("a/#", "c1", 2), false);
    assert.equal(m.add("a/+", "c2", 3), true);
    assert.equal(m.size, 2);
    assert.deepEqual(normalize(m.match("a/x")), ["c1=2", "c2=3"]);
    assert.equal(m.remove("a/#", "c1"), true);
    assert.equal(m.remove("a/#", "c1"), false);
    assert.equal(m.size, 1);
    assert.deepEqual(normalize(m.match("a/x")), ["c2=3"]);
  });

  Deno.test(`${name}: shared groups are separate per name and filter`, () => {
    const m = make();
    m.add("s/+", "c1", 1, "g");
    m.add("s/+", "c2", 1, "g");
    m.add("s/#", "c3", 1, "g");
    m.add("s/+", "c4", 1, "h");
    m.add("s/+", "c5", 1);
    assert.deepEqual(normalize(m.match("s/x")), [
      "c5=1",
      "g/s/#:[c3]",
      "g/s/+:[c1,c2]",
      "h/s/+:[c4]",
    ]);
    m.remove("s/+", "c1", "g");
    assert.deepEqual(normalize(m.match("s/x")).filter((s) => s.startsWith("g/s/+")), [
      "g/s/+:[c2]",
    ]);
  });
}

sharedSuite("TopicTree", () => new TopicTree<number>());
sharedSuite("NaiveMatcher", () => new NaiveMatcher<number>());

Deno.test("TopicTree agrees with the naive matcher on seeded random filters and topics", () => {
  const rnd = new SeededRandom(4);
  const words = ["a", "b", "c", "", "$SYS", "x"];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd.float() * xs.length)];
  const randomTopic = () =>
    Array.from({ length: 1 + Math.floor(rnd.float() * 4) }, () => pick(words)).join("/");
  const randomFilter = () => {
    const n = 1 + Math.floor(rnd.float() * 4);
    const levels = Array.from({ length: n }, () => pick([...words, "+", "+"]));
    if (rnd.float() < 0.3) levels[n - 1] = "#";
    return levels.join("/");
  };
  const tree = new TopicTree<number>();
  const naive = new NaiveMatcher<number>();
  const added: [string, string, string | undefined][] = [];
  for (let i = 0; i < 400; i++) {
    const filter = randomFilter();
    const client = `c${Math.floor(rnd.float() * 20)}`;
    const group = rnd.float() < 0.2 ? pick(["g1", "g2"]) : undefined;
    assert.equal(tree.add(filter, client, i, group), naive.add(filter, client, i, group));
    added.push([filter, client, group]);
    if (rnd.float() < 0.3) {
      const [f, c, g] = pick(added);
      assert.equal(tree.remove(f, c, g), naive.remove(f, c, g));
    }
    for (let k = 0; k < 5; k++) {
      const topic = randomTopic();
      assert.deepEqual(normalize(tree.match(topic)), normalize(naive.match(topic)), topic);
    }
    assert.equal(tree.size, naive.size);
  }
});

Deno.test("topic names and filters are validated per [MQTT-4.7.1]", () => {
  assert.equal(isValidTopicName("a/b"), true);
  assert.equal(isValidTopicName(""), false);
  assert.equal(isValidTopicName("a/+"), false);
  assert.equal(isValidTopicName("a/#"), false);
  assert.equal(isValidTopicFilter("a/#"), true);
  assert.equal(isValidTopicFilter("#"), true);
  assert.equal(isValidTopicFilter("a/#/b"), false);
  assert.equal(isValidTopicFilter("a#"), false);
  assert.equal(isValidTopicFilter("a/b+"), false);
  assert.equal(isValidTopicFilter("+/+"), true);
  assert.equal(isValidTopicFilter(""), false);
});

Deno.test("parseSharedFilter() splits $share/group/filter and refuses bad ones", () => {
  assert.deepEqual(parseSharedFilter("$share/g/a/+"), { group: "g", filter: "a/+" });
  assert.equal(parseSharedFilter("a/b"), undefined);
  assert.equal(parseSharedFilter("$share//a"), null);
  assert.equal(parseSharedFilter("$share/g"), null);
  assert.equal(parseSharedFilter("$share/g+/a"), null);
});

Deno.test("filterCovers() says when every topic of one filter is matched by another", () => {
  assert.equal(filterCovers("#", "a/b"), true);
  assert.equal(filterCovers("a/#", "a/+/c"), true);
  assert.equal(filterCovers("a/+", "a/b"), true);
  assert.equal(filterCovers("a/+", "a/#"), false);
  assert.equal(filterCovers("a/b", "a/+"), false);
  assert.equal(filterCovers("#", "$SYS/x"), false);
  assert.equal(filterCovers("$SYS/#", "$SYS/broker/+"), true);
  assert.equal(topicMatches("a/#", "a"), true);
});
