import type { PubackPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";

/** QoS 1 outbound ends: free the packet id and fill the window again (section 4.3.2). */
export function handlePuback(core: Core, conn: Connection, packet: PubackPacket): void {
  const session = conn.session!;
  const delivery = session.inflight.get(packet.packetId);
  if (delivery?.state !== "puback") return; // unknown ids are ignored, as Mosquitto does
  session.inflight.delete(packet.packetId);
  core.pump(session);
}
