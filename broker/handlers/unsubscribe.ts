import type { UnsubscribePacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_NO_SUBSCRIPTION_EXISTED, RC_SUCCESS } from "../_reason.ts";

/** UNSUBSCRIBE: remove each filter, answer UNSUBACK [MQTT-3.10.4-4]. */
export function handleUnsubscribe(core: Core, conn: Connection, packet: UnsubscribePacket): void {
  const session = conn.session!;
  const reasonCodes: number[] = [];
  for (const filter of packet.topicFilters) {
    const sub = session.subscriptions.get(filter);
    if (sub) {
      session.subscriptions.delete(filter);
      core.tree.remove(sub.topicFilter, session.clientId, sub.group);
    }
    reasonCodes.push(sub ? RC_SUCCESS : RC_NO_SUBSCRIPTION_EXISTED);
  }
  core.sendPacket(conn, {
    type: "UNSUBACK",
    packetId: packet.packetId,
    reasonCodes: conn.level === 5 ? reasonCodes : undefined,
  });
}
