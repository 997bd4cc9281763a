/**
 * CONNECT: check the client id and credentials, take over an existing
 * connection, resume or start the session, answer CONNACK, resend in-flight.
 */
import type { ConnackPacket, ConnectPacket, Properties } from "../codec/mod.ts";
import type { Core } from "../_core.ts";
import type { Connection } from "../connection.ts";
import { DEFAULT_RECEIVE_MAXIMUM } from "../connection.ts";
import type { AuthResult } from "../auth/mod.ts";
import { Session, SESSION_NEVER_EXPIRES_S } from "../session.ts";
import * as RC from "../_reason.ts";

/** The response topic prefix given on v5 Request Response Information. */
const RESPONSE_INFORMATION_PREFIX = "response/";

export function handleConnect(core: Core, conn: Connection, p: ConnectPacket): void {
  if (conn.state !== "new") {
    core.protocolError(conn, RC.RC_PROTOCOL_ERROR, "a second CONNECT"); // [MQTT-3.1.0-2]
    return;
  }
  conn.level = p.protocolLevel;
  conn.connectTimer?.cancel();
  conn.connectTimer = undefined;

  let clientId = p.clientId;
  let assigned = false;
  if (clientId === "") {
    if (p.protocolLevel === 3) {
      return refuse(core, conn, RC.RC_CLIENT_ID_NOT_VALID, "MQTT 3.1 needs a client id");
    }
    if (p.protocolLevel === 4 && !p.cleanStart) {
      // [MQTT-3.1.3-8] a zero-length id needs Clean Session
      return refuse(core, conn, RC.RC_CLIENT_ID_NOT_VALID, "empty client id without clean session");
    }
    clientId = core.assignClientId(); // [MQTT-3.1.3-6]
    assigned = p.protocolLevel === 5;
  }
  conn.clientId = clientId;
  if (p.properties?.authenticationMethod !== undefined) {
    return refuse(
      core,
      conn,
      RC.RC_BAD_AUTHENTICATION_METHOD,
      "enhanced authentication is not offered",
    );
  }
  if (core.connectedCount() >= core.limits.maxConnections) {
    return refuse(core, conn, RC.RC_QUOTA_EXCEEDED, "too many connections");
  }

  conn.state = "authenticating";
  if (core.auth.needsHash(p.username)) {
    // The check runs off the virtual clock: a world holds its clock until it ends.
    core.offClockWork?.enter();
    core.auth.check(p.username!, p.password).then(
      (result) => afterAuth(core, conn, p, clientId, assigned, result),
      () => afterAuth(core, conn, p, clientId, assigned, "bad-credentials"),
    ).finally(() => core.offClockWork?.leave());
  } else {
    afterAuth(
      core,
      conn,
      p,
      clientId,
      assigned,
      core.auth.decideWithoutHash(p.username, conn.link.transport),
    );
  }
}

function afterAuth(
  core: Core,
  conn: Connection,
  p: ConnectPacket,
  clientId: string,
  assigned: boolean,
  result: AuthResult,
): void {
  if (conn.state === "closed") return;
  if (result === "bad-credentials") {
    return refuse(core, conn, RC.RC_BAD_USERNAME_OR_PASSWORD, "bad user name or password");
  }
  if (result === "not-authorized") {
    return refuse(core, conn, RC.RC_NOT_AUTHORIZED, "anonymous access is off");
  }
  accept(core, conn, p, clientId, assigned);
  // Packets that arrived during the password check, in order.
  while (conn.pending.length > 0 && conn.state === "connected") {
    core.handle(conn, conn.pending.shift()!.packet);
  }
}

function accept(
  core: Core,
  conn: Connection,
  p: ConnectPacket,
  clientId: string,
  assigned: boolean,
) {
  const v5 = p.protocolLevel === 5;
  let session = core.sessions.get(clientId);
  // [MQTT-3.1.4-3] a client already connected with this id is taken over
  const old = session?.connection;
  if (old && old !== conn) {
    if (old.level === 5) {
      core.sendPacket(old, { type: "DISCONNECT", reasonCode: RC.RC_SESSION_TAKEN_OVER });
    }
    core.close(old, "taken over by a new connection with the same client id", true);
    session = core.sessions.get(clientId);
  }
  if (session && p.cleanStart) {
    // [MQTT-3.1.2-6] Clean Session / Clean Start discards the old session (a delayed will goes now)
    core.endSession(session);
    session = undefined;
  }
  const sessionPresent = session !== undefined; // [MQTT-3.2.2-1], [MQTT-3.2.2-2]
  if (!session) {
    session = new Session(clientId);
    core.sessions.set(clientId, session);
  } else {
    // [MQTT-3.1.3-9] a delayed will is not sent when the client is back in time
    session.cancelTimers();
  }
  session.level = p.protocolLevel;
  session.expiryIntervalS = v5
    ? p.properties?.sessionExpiryIntervalS ?? 0
    : p.cleanStart
    ? 0
    : SESSION_NEVER_EXPIRES_S;

  conn.username = p.username;
  session.username = p.username;
  conn.will = p.will;
  conn.connectExpiryWasZero = session.expiryIntervalS === 0;
  conn.keepaliveS = p.keepaliveS;
  const props: Properties = {};
  if (v5) {
    const cp = p.properties ?? {};
    conn.window = cp.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM;
    conn.maxPacketSizeOut = cp.maximumPacketSize ?? 0;
    conn.topicAliasMaximumOut = cp.topicAliasMaximum ?? 0;
    conn.requestProblemInformation = cp.requestProblemInformation ?? true;
    const maxKeepaliveS = core.limits.maxKeepaliveS;
    if (maxKeepaliveS > 0 && (p.keepaliveS === 0 || p.keepaliveS > maxKeepaliveS)) {
      conn.keepaliveS = maxKeepaliveS;
      props.serverKeepAliveS = maxKeepaliveS; // [MQTT-3.2.2-21]
    }
    if (assigned) props.assignedClientIdentifier = clientId; // [MQTT-3.2.2-16]
    props.receiveMaximum = core.limits.maxInflight;
    props.maximumPacketSize = core.limits.maxPacketSize;
    props.topicAliasMaximum = core.limits.topicAliasMaximum;
    props.retainAvailable = true;
    props.wildcardSubscriptionAvailable = true;
    props.subscriptionIdentifiersAvailable = true;
    props.sharedSubscriptionAvailable = true;
    if (cp.requestResponseInformation) {
      props.responseInformation = RESPONSE_INFORMATION_PREFIX + clientId;
    }
  }

  conn.state = "connected";
  conn.session = session;
  session.connection = conn;
  const connack: ConnackPacket = {
    type: "CONNACK",
    sessionPresent,
    reasonCode: RC.RC_SUCCESS,
    properties: v5 ? props : undefined,
  };
  core.sendPacket(conn, connack);
  core.startKeepalive(conn);
  core.onConnectedCountChange?.();
  core.emit({
    type: "client-connected",
    atUs: core.clock.nowUs,
    connectionId: conn.id,
    clientId,
    level: p.protocolLevel,
    username: p.username,
    cleanStart: p.cleanStart,
    keepaliveS: conn.keepaliveS,
    sessionPresent,
  });
  core.resend(conn, session);
}

/** CONNACK with a refusal, then close without the will [MQTT-3.2.2-5]. */
function refuse(core: Core, conn: Connection, reasonCode: number, reason: string): void {
  const code = conn.level === 5 ? reasonCode : RC.v3ConnackCode(reasonCode);
  core.sendPacket(conn, {
    type: "CONNACK",
    sessionPresent: false, // [MQTT-3.2.2-4]
    reasonCode: code,
    properties: conn.level === 5 ? { reasonString: reason } : undefined,
  });
  core.emit({
    type: "connect-refused",
    atUs: core.clock.nowUs,
    connectionId: conn.id,
    clientId: conn.clientId,
    reasonCode: code,
    reason,
  });
  core.close(conn, `refused: ${reason}`, false);
}
