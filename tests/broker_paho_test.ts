/** paho-mqtt (Debian python3-paho-mqtt, /usr/bin/python3) against the broker: QoS 2 and a will. */
import assert from "node:assert/strict";
import { NO_SANITIZERS, serveBroker } from "./broker_peers.ts";

const PYTHON = "/usr/bin/python3";

const HAVE_PAHO = (() => {
  try {
    return new Deno.Command(PYTHON, { args: ["-c", "import paho.mqtt.client"] }).outputSync()
      .success;
  } catch {
    return false;
  }
})();

/**
 * A subscriber at QoS 2, a publisher at QoS 2, and a third client with a will
 * whose socket is closed without DISCONNECT. Prints what the subscriber got.
 */
const SCRIPT = `
import sys, time, threading
import paho.mqtt.client as mqtt

port = int(sys.argv[1])
got = []
done = threading.Event()
subscribed = threading.Event()

def on_message(c, u, m):
    got.append("%s %s q%d" % (m.topic, m.payload.decode(), m.qos))
    if len(got) == 2:
        done.set()

sub = mqtt.Client(client_id="paho-sub", protocol=mqtt.MQTTv311)
sub.on_message = on_message
sub.on_subscribe = lambda c, u, mid, q: subscribed.set()
sub.connect("127.0.0.1", port)
sub.subscribe([("paho/data", 2), ("paho/will", 2)])
sub.loop_start()
assert subscribed.wait(3), "no SUBACK"

pub = mqtt.Client(client_id="paho-pub", protocol=mqtt.MQTTv311)
pub.connect("127.0.0.1", port)
pub.loop_start()
info = pub.publish("paho/data", "exactly once", qos=2)
info.wait_for_publish()
pub.loop_stop()
pub.disconnect()

dying = mqtt.Client(client_id="paho-dying", protocol=mqtt.MQTTv311)
dying.will_set("paho/will", "paho is gone", qos=2)
dying.connect("127.0.0.1", port)
dying.loop(0.2)
dying.socket().close()

assert done.wait(3), "got only %r" % got
sub.loop_stop()
print("\\n".join(sorted(got)))
`;

Deno.test({
  name: "paho-mqtt: QoS 2 exactly once and a will on socket loss",
  ignore: !HAVE_PAHO,
  ...NO_SANITIZERS,
  async fn() {
    const s = serveBroker();
    try {
      const out = await new Deno.Command(PYTHON, {
        args: ["-c", SCRIPT, String(s.port)],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(out.stderr);
      assert.equal(out.code, 0, stderr);
      assert.equal(
        new TextDecoder().decode(out.stdout),
        "paho/data exactly once q2\npaho/will paho is gone q2\n",
      );
      const qos2Flow = s.broker.tap.recent().filter((e) => e.clientId === "paho-pub")
        .map((e) => `${e.direction} ${e.packet.type}`);
      assert.deepEqual(qos2Flow.slice(0, 6), [
        "in CONNECT",
        "out CONNACK",
        "in PUBLISH",
        "out PUBREC",
        "in PUBREL",
        "out PUBCOMP",
      ]);
    } finally {
      await s.close();
    }
  },
});

/** MQTT 5: user properties, response topic and correlation data reach the subscriber. */
const SCRIPT_V5 = `
import sys, threading
import paho.mqtt.client as mqtt
from paho.mqtt.properties import Properties
from paho.mqtt.packettypes import PacketTypes

port = int(sys.argv[1])
got = threading.Event()
seen = {}

def on_message(c, u, m):
    p = m.properties
    seen["text"] = "%s %s q%d user=%s response=%s corr=%s" % (
        m.topic, m.payload.decode(), m.qos, p.UserProperty, p.ResponseTopic, p.CorrelationData.decode())
    got.set()

subscribed = threading.Event()
sub = mqtt.Client(client_id="paho5-sub", protocol=mqtt.MQTTv5)
sub.on_message = on_message
sub.on_subscribe = lambda c, u, mid, rc, props=None: subscribed.set()
sub.connect("127.0.0.1", port)
sub.subscribe("req/#", qos=1)
sub.loop_start()
assert subscribed.wait(3), "no SUBACK"

pub = mqtt.Client(client_id="paho5-pub", protocol=mqtt.MQTTv5)
pub.connect("127.0.0.1", port)
pub.loop_start()
props = Properties(PacketTypes.PUBLISH)
props.UserProperty = ("lesson", "26")
props.ResponseTopic = "res/paho"
props.CorrelationData = b"c-1"
pub.publish("req/led", "on", qos=1, properties=props).wait_for_publish()
assert got.wait(3), "no message"
pub.loop_stop(); sub.loop_stop()
print(seen["text"])
`;

Deno.test({
  name: "paho-mqtt MQTT 5: user properties, response topic and correlation data are forwarded",
  ignore: !HAVE_PAHO,
  ...NO_SANITIZERS,
  async fn() {
    const s = serveBroker();
    try {
      const out = await new Deno.Command(PYTHON, {
        args: ["-c", SCRIPT_V5, String(s.port)],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
      assert.equal(
        new TextDecoder().decode(out.stdout),
        "req/led on q1 user=[('lesson', '26')] response=res/paho corr=c-1\n",
      );
    } finally {
      await s.close();
    }
  },
});
