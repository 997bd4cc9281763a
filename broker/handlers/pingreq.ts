import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";

/** [MQTT-3.12.4-1] answer PINGREQ with PINGRESP. */
export function handlePingreq(core: Core, conn: Connection): void {
  core.sendPacket(conn, { type: "PINGRESP" });
}
