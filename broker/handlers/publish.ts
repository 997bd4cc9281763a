/**
 * PUBLISH from a client: resolve the topic alias, check the topic and the ACL,
 * run the publish pipeline, acknowledge by QoS.
 */
import type { PublishPacket } from "../codec/mod.ts";
import { type Core, forwardedProperties } from "../_core.ts";
import type { Connection } from "../connection.ts";
import type { Message } from "../message.ts";
import { isValidTopicName, SERVER_TOPIC_PREFIX } from "../topic.ts";
import * as RC from "../_reason.ts";

const US_PER_S = 1_000_000;

export function handlePublish(core: Core, conn: Connection, p: PublishPacket): void {
  const session = conn.session!;
  let topic = p.topic;
  const alias = p.properties?.topicAlias;
  if (alias !== undefined) {
    if (alias === 0 || alias > core.limits.topicAliasMaximum) {
      // [MQTT-3.3.2-8], [MQTT-3.3.2-9]
      return core.protocolError(
        conn,
        RC.RC_TOPIC_ALIAS_INVALID,
        `topic alias ${alias} is out of range`,
      );
    }
    if (topic === "") {
      const known = conn.aliasesIn.get(alias);
      if (known === undefined) {
        return core.protocolError(conn, RC.RC_PROTOCOL_ERROR, `topic alias ${alias} was never set`);
      }
      topic = known;
    } else conn.aliasesIn.set(alias, topic);
  }
  if (!isValidTopicName(topic)) {
    // [MQTT-3.3.2-2] no wildcards in a topic name; [MQTT-4.7.3-1] not empty
    return core.protocolError(conn, RC.RC_TOPIC_NAME_INVALID, `invalid topic name '${topic}'`);
  }
  if (p.qos === 2) {
    if (session.inboundQos2.has(p.packetId!)) {
      // A resent QoS 2 message is acknowledged again but not delivered twice [MQTT-4.3.3-10]
      core.sendPacket(conn, { type: "PUBREC", packetId: p.packetId! });
      return;
    }
    if (conn.level === 5 && session.inboundQos2.size >= core.limits.maxInflight) {
      // [MQTT-3.3.4-9] more unacknowledged QoS 2 than our Receive Maximum
      return core.protocolError(conn, RC.RC_RECEIVE_MAXIMUM_EXCEEDED, "receive maximum exceeded");
    }
  }
  core.metrics.publishReceived++;

  let reasonCode = RC.RC_SUCCESS;
  let why: string | undefined;
  if (topic.startsWith(SERVER_TOPIC_PREFIX)) {
    reasonCode = RC.RC_NOT_AUTHORIZED; // $SYS and other $-topics are read-only for clients
    why = "topics starting with $ are the broker's own";
    refused(core, conn, topic, why);
  } else if (!core.acl.allowsEverything) {
    const d = core.acl.checkTopic(
      { clientId: session.clientId, username: conn.username },
      "publish",
      topic,
    );
    if (!d.allowed) {
      reasonCode = RC.RC_NOT_AUTHORIZED;
      why = `not authorized (${d.rule})`;
      refused(core, conn, topic, d.rule);
    }
  }
  if (reasonCode === RC.RC_SUCCESS) {
    const props = p.properties;
    const message: Message = {
      topic,
      payload: p.payload,
      qos: p.qos,
      retain: p.retain,
      properties: props && conn.level === 5 ? forwardedProperties(props) : undefined,
      publisherId: session.clientId,
      expiryAtUs: props?.messageExpiryIntervalS !== undefined
        ? core.clock.nowUs + props.messageExpiryIntervalS * US_PER_S
        : undefined,
    };
    const receivers = core.publish(message);
    if (receivers === 0 && p.qos > 0) reasonCode = RC.RC_NO_MATCHING_SUBSCRIBERS;
  }
  if (p.qos === 0) return;
  const v5 = conn.level === 5;
  const ack = {
    packetId: p.packetId!,
    reasonCode: v5 && reasonCode !== RC.RC_SUCCESS ? reasonCode : undefined,
    // [MQTT-3.1.2-29] reason strings only when the client did not turn them off
    properties: v5 && why !== undefined && conn.requestProblemInformation
      ? { reasonString: why }
      : undefined,
  };
  if (p.qos === 1) {
    core.sendPacket(conn, { type: "PUBACK", ...ack }); // [MQTT-4.3.2-4]
  } else {
    if (reasonCode < RC.RC_UNSPECIFIED_ERROR) session.inboundQos2.add(p.packetId!);
    core.sendPacket(conn, { type: "PUBREC", ...ack }); // [MQTT-4.3.3-9]
  }
}

function refused(core: Core, conn: Connection, topic: string, rule: string): void {
  core.emit({
    type: "acl-refused",
    atUs: core.clock.nowUs,
    connectionId: conn.id,
    clientId: conn.clientId!,
    action: "publish",
    topic,
    rule,
  });
}
