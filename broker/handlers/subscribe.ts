/**
 * SUBSCRIBE: check each filter and the ACL, store the subscription, answer
 * SUBACK, then send the matching retained messages.
 */
import type { QoS, SubscribePacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import type { Message } from "../message.ts";
import type { SubEntry } from "../session.ts";
import { isValidTopicFilter, parseSharedFilter } from "../topic.ts";
import * as RC from "../_reason.ts";

const SYS_FILTER_PREFIX = "$SYS";

export function handleSubscribe(core: Core, conn: Connection, p: SubscribePacket): void {
  const session = conn.session!;
  const v5 = conn.level === 5;
  const subscriptionId = p.properties?.subscriptionIdentifiers?.[0];
  const reasonCodes: number[] = [];
  const retainedToSend: { entry: SubEntry; messages: Message[] }[] = [];
  let wantsSys = false;
  let why: string | undefined;
  for (const s of p.subscriptions) {
    const shared = parseSharedFilter(s.topicFilter);
    const topicFilter = shared ? shared.filter : s.topicFilter;
    if (shared === null || !isValidTopicFilter(topicFilter)) {
      reasonCodes.push(v5 ? RC.RC_TOPIC_FILTER_INVALID : RC.V3_SUBACK_FAILURE);
      why ??= `invalid topic filter '${s.topicFilter}'`;
      continue;
    }
    if (shared && s.noLocal) {
      // [MQTT-3.8.3-4] No Local on a shared subscription is a protocol error
      return core.protocolError(conn, RC.RC_PROTOCOL_ERROR, "No Local on a shared subscription");
    }
    if (!core.acl.allowsEverything) {
      const d = core.acl.checkFilter(
        { clientId: session.clientId, username: conn.username },
        topicFilter,
      );
      if (!d.allowed) {
        core.emit({
          type: "acl-refused",
          atUs: core.clock.nowUs,
          connectionId: conn.id,
          clientId: session.clientId,
          action: "subscribe",
          topic: s.topicFilter,
          rule: d.rule,
        });
        reasonCodes.push(v5 ? RC.RC_NOT_AUTHORIZED : RC.V3_SUBACK_FAILURE);
        why ??= `'${s.topicFilter}' not authorized (${d.rule})`;
        continue;
      }
    }
    const entry: SubEntry = {
      filter: s.topicFilter,
      topicFilter,
      group: shared?.group,
      qos: s.qos,
      noLocal: s.noLocal ?? false,
      retainAsPublished: s.retainAsPublished ?? false,
      retainHandling: s.retainHandling ?? 0,
      subscriptionId,
    };
    const existed = session.subscriptions.has(s.topicFilter);
    session.subscriptions.set(s.topicFilter, entry); // [MQTT-3.8.4-3] replaces an identical filter
    core.tree.add(topicFilter, session.clientId, entry, entry.group);
    reasonCodes.push(s.qos); // granted QoS: we support all three
    if (topicFilter.startsWith(SYS_FILTER_PREFIX)) wantsSys = true;
    // Retained messages: never for shared subscriptions (4.8.2); v5 Retain Handling [MQTT-3.3.1-9..11]
    if (!shared && (entry.retainHandling === 0 || (entry.retainHandling === 1 && !existed))) {
      retainedToSend.push({ entry, messages: [] });
    }
  }
  // [MQTT-3.1.2-29] a reason string only when the client did not turn them off
  const properties = v5 && why !== undefined && conn.requestProblemInformation
    ? { reasonString: why }
    : undefined;
  core.sendPacket(conn, { type: "SUBACK", packetId: p.packetId, reasonCodes, properties }); // [MQTT-3.8.4-1]
  if (wantsSys) core.sys.storeNow();
  for (const item of retainedToSend) {
    for (const m of core.retained.match(item.entry.topicFilter, core.clock.nowUs)) {
      const ids = item.entry.subscriptionId !== undefined ? [item.entry.subscriptionId] : undefined;
      core.deliverMany(session, m, item.entry.qos as QoS, true, ids, true);
    }
  }
}
