/** The dispatcher: one handler per packet type (the Aedes layout). */
import type { Packet } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { RC_PROTOCOL_ERROR } from "../_reason.ts";
import { handleConnect } from "./connect.ts";
import { handlePublish } from "./publish.ts";
import { handlePuback } from "./puback.ts";
import { handlePubrec } from "./pubrec.ts";
import { handlePubrel } from "./pubrel.ts";
import { handlePubcomp } from "./pubcomp.ts";
import { handleSubscribe } from "./subscribe.ts";
import { handleUnsubscribe } from "./unsubscribe.ts";
import { handlePingreq } from "./pingreq.ts";
import { handleDisconnect } from "./disconnect.ts";
import { handleAuth } from "./auth.ts";

export function dispatch(core: Core, conn: Connection, packet: Packet): void {
  if (packet.type === "CONNECT") return handleConnect(core, conn, packet);
  if (conn.state !== "connected") {
    // [MQTT-3.1.0-1] the first packet must be CONNECT
    core.close(conn, `${packet.type} before CONNECT`, false);
    return;
  }
  switch (packet.type) {
    case "PUBLISH":
      return handlePublish(core, conn, packet);
    case "PUBACK":
      return handlePuback(core, conn, packet);
    case "PUBREC":
      return handlePubrec(core, conn, packet);
    case "PUBREL":
      return handlePubrel(core, conn, packet);
    case "PUBCOMP":
      return handlePubcomp(core, conn, packet);
    case "SUBSCRIBE":
      return handleSubscribe(core, conn, packet);
    case "UNSUBSCRIBE":
      return handleUnsubscribe(core, conn, packet);
    case "PINGREQ":
      return handlePingreq(core, conn);
    case "DISCONNECT":
      return handleDisconnect(core, conn, packet);
    case "AUTH":
      return handleAuth(core, conn, packet);
    default:
      // CONNACK, SUBACK, ... only travel from the server
      core.protocolError(conn, RC_PROTOCOL_ERROR, `a client may not send ${packet.type}`);
  }
}
