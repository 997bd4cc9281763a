import type { DisconnectPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_DISCONNECT_WITH_WILL, RC_PROTOCOL_ERROR } from "../_reason.ts";

/**
 * DISCONNECT: the will is discarded [MQTT-3.14.4-3] unless v5 asks for it
 * (0x04); v5 may change the session expiry, but not from 0 [MQTT-3.14.2-2].
 */
export function handleDisconnect(core: Core, conn: Connection, packet: DisconnectPacket): void {
  const expiryS = packet.properties?.sessionExpiryIntervalS;
  if (expiryS !== undefined) {
    if (conn.connectExpiryWasZero && expiryS !== 0) {
      core.protocolError(conn, RC_PROTOCOL_ERROR, "DISCONNECT raised a zero session expiry");
      return;
    }
    conn.session!.expiryIntervalS = expiryS;
  }
  const withWill = packet.reasonCode === RC_DISCONNECT_WITH_WILL;
  core.close(conn, "the client sent DISCONNECT", withWill);
}
