import type { PubrecPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_PACKET_ID_NOT_FOUND, RC_UNSPECIFIED_ERROR } from "../_reason.ts";

/** QoS 2 outbound, step 2: answer PUBREC with PUBREL (section 4.3.3). */
export function handlePubrec(core: Core, conn: Connection, packet: PubrecPacket): void {
  const session = conn.session!;
  const delivery = session.inflight.get(packet.packetId);
  if (!delivery || delivery.state === "puback") {
    if (conn.level === 5) {
      core.sendPacket(conn, {
        type: "PUBREL",
        packetId: packet.packetId,
        reasonCode: RC_PACKET_ID_NOT_FOUND,
      });
    } else core.sendPacket(conn, { type: "PUBREL", packetId: packet.packetId });
    return;
  }
  if ((packet.reasonCode ?? 0) >= RC_UNSPECIFIED_ERROR) {
    // v5: the client refused the message; the flow ends here (4.3.3)
    session.inflight.delete(packet.packetId);
    core.pump(session);
    return;
  }
  delivery.state = "pubcomp";
  core.sendPacket(conn, { type: "PUBREL", packetId: packet.packetId }); // [MQTT-4.3.3-4]
}
