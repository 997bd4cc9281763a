import type { PubcompPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";

/** QoS 2 outbound ends: free the packet id and fill the window again. */
export function handlePubcomp(core: Core, conn: Connection, packet: PubcompPacket): void {
  const session = conn.session!;
  const delivery = session.inflight.get(packet.packetId);
  if (delivery?.state !== "pubcomp") return;
  session.inflight.delete(packet.packetId);
  core.pump(session);
}
