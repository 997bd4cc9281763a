import type { AuthPacket } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_PROTOCOL_ERROR } from "../_reason.ts";

/**
 * Enhanced authentication is not offered (CONNECT with an Authentication
 * Method is refused), so an AUTH packet is a protocol error [MQTT-4.12.0-6].
 */
export function handleAuth(core: Core, conn: Connection, _packet: AuthPacket): void {
  core.protocolError(conn, RC_PROTOCOL_ERROR, "AUTH without an authentication method");
}
