import type { PubrelPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_PACKET_ID_NOT_FOUND } from "../_reason.ts";

/** QoS 2 inbound, step 3: forget the packet id and answer PUBCOMP [MQTT-4.3.3-11]. */
export function handlePubrel(core: Core, conn: Connection, packet: PubrelPacket): void {
  const known = conn.session!.inboundQos2.delete(packet.packetId);
  if (!known && conn.level === 5) {
    core.sendPacket(conn, {
      type: "PUBCOMP",
      packetId: packet.packetId,
      reasonCode: RC_PACKET_ID_NOT_FOUND,
    });
    return;
  }
  core.sendPacket(conn, { type: "PUBCOMP", packetId: packet.packetId });
}
