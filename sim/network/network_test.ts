import assert from "node:assert/strict";
import { VirtualClock } from "../clock.ts";
import { SeededRandom } from "../random.ts";
import { type ConnectResult, VirtualNetwork } from "./network.ts";
import type { JoinOutcome } from "./wifi.ts";
import type { StreamEnd } from "./stream.ts";

const text = new TextEncoder();
const BROKER_IP = "47.100.1.1";

function world(seed = 1) {
  const clock = new VirtualClock();
  const net = new VirtualNetwork(clock, new SeededRandom(seed), {
    defaultHostIp: BROKER_IP,
    latencyUs: 5_000,
  });
  net.addAccessPoint({ ssid: "ssid", password: "12345678" });
  return { clock, net };
}

function join(net: VirtualNetwork, clock: VirtualClock, id: string, pw = "12345678") {
  let outcome: JoinOutcome | undefined;
  net.station(id).join("ssid", pw, (o) => outcome = o);
  clock.runUntilIdle();
  return outcome!;
}

/** An echo server on every address and port, recording what it got. */
function echo(net: VirtualNetwork) {
  const got: string[] = [];
  const ends: StreamEnd[] = [];
  net.listen("*", "*", (end) => {
    ends.push(end);
    end.setHandlers({
      data: (b) => {
        got.push(new TextDecoder().decode(b));
        end.send(b);
      },
      closed: (why) => got.push(`closed:${why}`),
    });
  });
  return { got, ends };
}

Deno.test("join gives a DHCP lease after the join delay plus seeded jitter", () => {
  const { clock, net } = world();
  const o = join(net, clock, "pub");
  assert.equal(o.kind, "got-ip");
  if (o.kind !== "got-ip") return;
  assert.equal(o.lease.ip, "192.168.1.100");
  assert.equal(o.lease.gatewayIp, "192.168.1.1");
  assert.ok(clock.nowUs >= 2_500_000 && clock.nowUs < 3_000_000, `${clock.nowUs}`);
  assert.equal(join(net, clock, "sub").kind, "got-ip");
  assert.equal(net.station("sub").ip, "192.168.1.101");
});

Deno.test("same seed, same join time; another seed, another", () => {
  const times = [1, 1, 2].map((seed) => {
    const { clock, net } = world(seed);
    join(net, clock, "pub");
    return clock.nowUs;
  });
  assert.equal(times[0], times[1]);
  assert.notEqual(times[0], times[2]);
});

Deno.test("wrong password and unknown SSID fail with their own outcomes", () => {
  const { clock, net } = world();
  assert.equal(join(net, clock, "a", "nope").kind, "wrong-password");
  let o: JoinOutcome | undefined;
  net.station("b").join("other", "x", (r) => o = r);
  clock.runUntilIdle();
  assert.equal(o?.kind, "no-ap-found");
  assert.equal(net.station("a").ip, undefined);
});

Deno.test("DNS: literals stay, hosts map wins, anything else is the default host", () => {
  const { net } = world();
  net.setHost("Printer.local", "192.168.1.50");
  assert.equal(net.resolve("111.111.111.111"), "111.111.111.111");
  assert.equal(net.resolve("printer.LOCAL"), "192.168.1.50");
  assert.equal(net.resolve("mq.tongxinmao.com"), BROKER_IP);
});

Deno.test("a stream takes one round trip to open and one latency per chunk, in order", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  const server = echo(net);
  const t0 = clock.nowUs;
  let result: ConnectResult | undefined;
  net.connect("pub", "111.111.111.111", 0, (r) => result = r);
  clock.runUntilIdle();
  assert.ok(result?.ok);
  if (!result?.ok) return;
  assert.equal(clock.nowUs - t0, 10_000);
  const echoed: string[] = [];
  result.end.setHandlers({
    data: (b) => echoed.push(new TextDecoder().decode(b)),
    closed: () => {},
  });
  const t1 = clock.nowUs;
  result.end.send(text.encode("ab"));
  result.end.send(text.encode("cd")); // same instant: glued into one chunk
  clock.runUntilIdle();
  assert.deepEqual(server.got, ["abcd"]);
  assert.deepEqual(echoed, ["abcd"]);
  assert.equal(clock.nowUs - t1, 10_000);
  assert.equal(server.ends[0].remoteAddress, "192.168.1.100:49152");
});

Deno.test("connect without a listener is refused; without WiFi it fails at once", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  const results: ConnectResult[] = [];
  net.connect("pub", BROKER_IP, 1883, (r) => results.push(r));
  net.connect("nobody", BROKER_IP, 1883, (r) => results.push(r));
  clock.runUntilIdle();
  assert.deepEqual(results, [{ ok: false, failure: "not-joined" }, {
    ok: false,
    failure: "refused",
  }]);
});

Deno.test("a WiFi drop resets the board's streams and leaves the server half-open", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  const server = echo(net);
  let end: StreamEnd | undefined;
  const closes: string[] = [];
  net.connect("pub", BROKER_IP, 1883, (r) => {
    if (r.ok) {
      end = r.end;
      end.setHandlers({ data: () => {}, closed: (why) => closes.push(why) });
    }
  });
  clock.runUntilIdle();
  net.dropWifi("pub");
  assert.deepEqual(closes, ["reset"]);
  assert.equal(end!.send(text.encode("x")), false);
  clock.runUntilIdle();
  assert.deepEqual(server.got, []);
  assert.equal(server.ends[0].open, true);
});

Deno.test("a partition holds bytes until it heals; extra latency delays them", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  const server = echo(net);
  let end: StreamEnd | undefined;
  net.connect("pub", BROKER_IP, 1883, (r) => r.ok && (end = r.end));
  clock.runUntilIdle();
  net.partition(["pub"]);
  end!.send(text.encode("held"));
  clock.advanceBy(1_000_000);
  assert.deepEqual(server.got, []);
  net.heal();
  clock.advanceBy(5_000);
  assert.deepEqual(server.got, ["held"]);
  net.setExtraLatency(100_000, "pub");
  end!.send(text.encode("slow"));
  clock.advanceBy(104_999);
  assert.deepEqual(server.got, ["held"]);
  clock.advanceBy(1);
  assert.deepEqual(server.got, ["held", "slow"]);
});

Deno.test("close sends a FIN behind the data", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  const server = echo(net);
  let end: StreamEnd | undefined;
  net.connect("pub", BROKER_IP, 1883, (r) => r.ok && (end = r.end));
  clock.runUntilIdle();
  end!.send(text.encode("bye"));
  end!.close();
  clock.runUntilIdle();
  assert.deepEqual(server.got, ["bye", "closed:fin"]);
});

Deno.test("a SYN lost in a partition is sent again; after 20 s the connect times out", () => {
  const { clock, net } = world();
  join(net, clock, "pub");
  echo(net);
  const results: string[] = [];
  const report = (r: ConnectResult) => results.push(`${r.ok ? "ok" : r.failure}@${clock.nowUs}`);
  net.partition(["pub"]);
  const t0 = clock.nowUs;
  net.connect("pub", BROKER_IP, 1883, report);
  clock.advanceBy(2_500_000); // SYN at 0, retries at 1 s and 3 s
  net.heal();
  clock.runUntilIdle();
  assert.deepEqual(results, [`ok@${t0 + 3_000_000 + 10_000}`]);
  net.partition();
  const t1 = clock.nowUs;
  net.connect("pub", BROKER_IP, 1883, report);
  clock.runUntilIdle();
  assert.equal(results[1], `timeout@${t1 + 20_000_000}`);
});
