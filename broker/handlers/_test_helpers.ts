/** Helpers shared by the handler tests: a broker on a still clock and connected test peers. */
import assert from "node:assert/strict";
import { VirtualClock } from "../../sim/mod.ts";
import { Broker } from "../broker.ts";
import type { BrokerConfig } from "../config.ts";
import type { BrokerEvent } from "../events.ts";
import type { Packet, ProtocolLevel, QoS } from "../codec/mod.ts";
import { TestPeer, text } from "../_test_peer.ts";

export function setup(config: BrokerConfig = {}) {
  const clock = new VirtualClock();
  const broker = new Broker({ clock, config });
  const events: BrokerEvent[] = [];
  broker.onEvent((e) => events.push(e));
  return { clock, broker, events };
}

export function peer(broker: Broker, id: string, level: ProtocolLevel = 4, extra = {}) {
  const p = new TestPeer(broker, level, "virtual", id);
  const ack = p.connect(id, extra);
  assert.equal(ack?.type, "CONNACK");
  return p;
}

export function subscribe(
  p: TestPeer,
  topicFilter: string,
  qos: QoS = 0,
  opts = {},
  properties?: object,
) {
  p.send({
    type: "SUBSCRIBE",
    packetId: 1,
    subscriptions: [{ topicFilter, qos, ...opts }],
    ...(properties ? { properties } : {}),
  });
  return p.takeType("SUBACK")[0];
}

export function publish(p: TestPeer, topic: string, payload: string, qos: QoS = 0, extra = {}) {
  p.send({
    type: "PUBLISH",
    dup: false,
    qos,
    retain: false,
    topic,
    payload: text(payload),
    ...(qos > 0 ? { packetId: 7 } : {}),
    ...extra,
  } as Packet);
}

export const pubs = (p: TestPeer) => p.takeType("PUBLISH");
