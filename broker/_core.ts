/**
 * The broker's state and its pipelines: connections in and out, sessions,
 * publishing (store retained, match, deliver, queue), wills, $SYS. The public
 * face is Broker (broker.ts); the handlers (handlers/) call in here.
 */
import type { VirtualClock } from "../sim/mod.ts";
import type { DecodedFrame, Packet, Properties, PublishPacket, QoS } from "./codec/mod.ts";
import { CodecError, Decoder, encode } from "./_codec.ts";
import { encodeFast, encodePublishFast } from "./_fast_encoder.ts";
import { Acl, Authenticator } from "./auth/mod.ts";
import {
  type BrokerConfig,
  DEFAULT_LIMITS,
  DEFAULT_SYS_INTERVAL_S,
  type Limits,
} from "./config.ts";
import { Connection } from "./connection.ts";
import type { BrokerEvent, BrokerEventListener } from "./events.ts";
import type { AttachedLink, Link } from "./link.ts";
import { type Delivery, isExpired, type Message } from "./message.ts";
import { Metrics } from "./metrics.ts";
import { RetainedStore } from "./retained.ts";
import { Session, SESSION_NEVER_EXPIRES_S, type SubEntry } from "./session.ts";
import { listenerFailed, Tap } from "./tap.ts";
import { NO_TIMERS, type Timebase, virtualTimebase } from "./timebase.ts";
import { TopicTree } from "./topic_tree.ts";
import { SERVER_TOPIC_PREFIX } from "./topic.ts";
import { dispatch } from "./handlers/mod.ts";
import { SysPublisher } from "./sys.ts";
import * as RC from "./_reason.ts";

const US_PER_S = 1_000_000;
/** Keep-alive is enforced at one and a half times the interval [MQTT-3.1.2-24]. */
const KEEPALIVE_FACTOR = 1.5;

export interface CoreOptions {
  clock: VirtualClock;
  config?: BrokerConfig;
  /** Wall-time timers for real-socket connections' keep-alive and connect timeout. */
  wallTimebase?: Timebase;
  /** Told when work runs off the virtual clock (password checks). */
  offClockWork?: { enter(): void; leave(): void };
  tapCapacity?: number;
  tapBytes?: number;
}

export class Core {
  readonly clock: VirtualClock;
  readonly limits: Limits;
  readonly config: BrokerConfig;
  readonly tap: Tap;
  readonly metrics: Metrics;
  readonly acl: Acl;
  readonly auth: Authenticator;
  readonly offClockWork: { enter(): void; leave(): void } | undefined;
  readonly tree = new TopicTree<SubEntry>();
  readonly retained: RetainedStore;
  readonly sessions = new Map<string, Session>();
  readonly connections = new Set<Connection>();
  readonly startUs: number;
  readonly virtual: Timebase;
  readonly wall: Timebase;
  readonly sysIntervalS: number;
  #listeners: BrokerEventListener[] = [];
  #nextConnectionId = 1;
  #nextAssignedId = 1;
  #shareCursor = new Map<string, number>();
  #closed = false;
  /** Set by the $SYS publisher (sys.ts) when it starts. */
  onConnectedCountChange: (() => void) | undefined;
  readonly sys: SysPublisher;

  constructor(options: CoreOptions) {
    this.clock = options.clock;
    this.config = options.config ?? {};
    this.limits = { ...DEFAULT_LIMITS, ...this.config.limits };
    this.tap = new Tap(options.tapCapacity, options.tapBytes);
    this.metrics = new Metrics();
    this.acl = new Acl(this.config.acl);
    this.auth = new Authenticator(this.config);
    this.retained = new RetainedStore(this.limits.maxRetained, this.limits.maxRetainedBytes);
    this.virtual = virtualTimebase(this.clock);
    this.wall = options.wallTimebase ?? NO_TIMERS;
    this.offClockWork = options.offClockWork;
    this.startUs = this.clock.nowUs;
    this.sysIntervalS = this.config.sysIntervalS ?? DEFAULT_SYS_INTERVAL_S;
    this.sys = new SysPublisher(this);
  }

  // ---- events -------------------------------------------------------------

  onEvent(listener: BrokerEventListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  emit(event: BrokerEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch (e) {
        listenerFailed("event", e);
      }
    }
  }

  // ---- connections --------------------------------------------------------

  attach(link: Link): AttachedLink {
    const timebase = link.transport === "virtual" ? this.virtual : this.wall;
    const conn = new Connection(
      this.#nextConnectionId++,
      link,
      timebase,
      new Decoder({ maxPacketSize: this.limits.maxPacketSize }),
    );
    if (this.#closed) {
      link.close();
      return { receive() {}, closed() {} };
    }
    this.connections.add(conn);
    this.metrics.connectionsTotal++;
    conn.lastActivityUs = timebase.nowUs();
    conn.connectTimer = timebase.after(this.limits.connectTimeoutS * US_PER_S, () => {
      conn.connectTimer = undefined;
      if (conn.state === "new") this.close(conn, "no CONNECT within the connect timeout");
    });
    this.emit({
      type: "connection-opened",
      atUs: this.clock.nowUs,
      connectionId: conn.id,
      transport: link.transport,
      remoteAddress: link.remoteAddress,
    });
    return {
      receive: (bytes) => this.receive(conn, bytes),
      closed: () => {
        if (conn.state !== "closed") this.#finish(conn, "the peer closed the connection", true);
      },
    };
  }

  receive(conn: Connection, bytes: Uint8Array): void {
    if (conn.state === "closed") return;
    if (conn.state === "new" && conn.claimedLevel === undefined) {
      conn.claimedLevel = peekConnectLevel(bytes) ?? 0;
    }
    this.metrics.bytesReceived += bytes.length;
    let frames: DecodedFrame[];
    let error: unknown;
    try {
      frames = conn.decoder.push(bytes);
    } catch (e) {
      // The good packets before the bad bytes are handled first, then the error answered.
      frames = e instanceof CodecError ? e.framesBefore ?? [] : [];
      error = e;
    }
    this.#handleFrames(conn, frames);
    if (error !== undefined && (conn.state as Connection["state"]) !== "closed") {
      this.#badInput(conn, error);
    }
  }

  #handleFrames(conn: Connection, frames: DecodedFrame[]): void {
    for (const frame of frames) {
      if ((conn.state as Connection["state"]) === "closed") return;
      const packet = frame.packet;
      const isFirstConnect = conn.state === "new" && packet.type === "CONNECT";
      this.tap.record(
        this.clock.nowUs,
        conn.id,
        isFirstConnect && packet.clientId !== "" ? packet.clientId : conn.clientId,
        conn.link.transport,
        conn.link.remoteAddress,
        "in",
        frame.bytes,
        packet,
        isFirstConnect ? packet.protocolLevel : conn.level,
      );
      this.metrics.messagesReceived++;
      if (conn.state === "authenticating") {
        conn.pending.push(frame);
        continue;
      }
      this.handle(conn, frame.packet);
    }
  }

  /** Runs one packet's handler; a bug in a handler closes only this connection. */
  handle(conn: Connection, packet: Packet): void {
    conn.lastActivityUs = conn.timebase.nowUs();
    try {
      dispatch(this, conn, packet);
    } catch (e) {
      this.protocolError(
        conn,
        RC.RC_IMPLEMENTATION_SPECIFIC,
        `internal error: ${(e as Error).message}`,
      );
    }
  }

  #badInput(conn: Connection, e: unknown): void {
    if (!(e instanceof CodecError)) {
      this.protocolError(conn, RC.RC_UNSPECIFIED_ERROR, `cannot decode: ${(e as Error).message}`);
      return;
    }
    const reasonCode = e.reasonCode ?? RC.RC_MALFORMED_PACKET;
    const reason = `malformed input: ${e.message}`;
    if (conn.state === "new") {
      if (reasonCode === RC.RC_UNSUPPORTED_PROTOCOL_VERSION) {
        // [MQTT-3.1.2-2] return code 1 in the 3.1.1 form, then close
        this.sendRaw(conn, new Uint8Array([0x20, 0x02, 0x00, RC.V3_UNACCEPTABLE_PROTOCOL_VERSION]));
      } else if (conn.claimedLevel === 5) {
        // A v5 CONNECT we cannot accept may be answered with the reason (4.13.1)
        conn.level = 5;
        this.sendPacket(conn, {
          type: "CONNACK",
          sessionPresent: false,
          reasonCode,
          properties: { reasonString: e.message },
        });
      }
      this.close(conn, reason, false);
      return;
    }
    this.protocolError(conn, reasonCode, reason);
  }

  /**
   * Closes after a protocol violation: v5 gets DISCONNECT with the reason first
   * [MQTT-4.13.1-1]; the will is published [MQTT-3.1.2-8].
   */
  protocolError(conn: Connection, reasonCode: number, reason: string): void {
    if (conn.state === "closed") return;
    if (conn.level === 5 && conn.state === "connected") {
      const properties: Properties | undefined = conn.requestProblemInformation
        ? { reasonString: reason }
        : undefined;
      this.sendPacket(conn, { type: "DISCONNECT", reasonCode, properties });
    }
    this.close(conn, reason, true);
  }

  /** Closes the link and settles the session; `publishWill` false after DISCONNECT or refusal. */
  close(conn: Connection, reason: string, publishWill = true): void {
    if (conn.state === "closed") return;
    this.#finish(conn, reason, publishWill);
    conn.link.close();
  }

  #finish(conn: Connection, reason: string, publishWill: boolean): void {
    const wasConnected = conn.state === "connected";
    conn.state = "closed";
    this.connections.delete(conn);
    conn.keepaliveTimer?.cancel();
    conn.connectTimer?.cancel();
    const session = conn.session;
    if (wasConnected && session && session.connection === conn) {
      session.connection = undefined;
      const will = publishWill ? conn.will : undefined;
      this.#settleSession(session, will);
      this.onConnectedCountChange?.();
    }
    this.emit({
      type: "connection-closed",
      atUs: this.clock.nowUs,
      connectionId: conn.id,
      clientId: conn.clientId,
      reason,
    });
  }

  /** After the connection ends: publish or delay the will, end or keep the session. */
  #settleSession(session: Session, will: Connection["will"]): void {
    const timebase = this.virtual;
    const expiryS = session.expiryIntervalS;
    if (will) {
      const delayS = Math.min(will.properties?.willDelayIntervalS ?? 0, expiryS);
      if (delayS === 0) this.publishWill(session.clientId, will, session.username);
      else {
        session.pendingWill = will;
        session.willTimer = timebase.after(delayS * US_PER_S, () => {
          session.willTimer = undefined;
          session.pendingWill = undefined;
          this.publishWill(session.clientId, will, session.username);
        });
      }
    }
    if (expiryS === 0) this.endSession(session);
    else if (expiryS !== SESSION_NEVER_EXPIRES_S) {
      session.expiryTimer = timebase.after(expiryS * US_PER_S, () => {
        session.expiryTimer = undefined;
        this.endSession(session);
        this.emit({ type: "session-expired", atUs: this.clock.nowUs, clientId: session.clientId });
      });
    }
  }

  publishWill(clientId: string, will: NonNullable<Connection["will"]>, username?: string): void {
    // A will is a PUBLISH like any other: not to $-topics, and only where the ACL allows
    let refusal: string | undefined;
    if (will.topic.startsWith(SERVER_TOPIC_PREFIX)) {
      refusal = "topics starting with $ are the broker's own";
    } else if (!this.acl.allowsEverything) {
      const d = this.acl.checkTopic({ clientId, username }, "publish", will.topic);
      if (!d.allowed) refusal = d.rule;
    }
    if (refusal !== undefined) {
      this.emit({
        type: "acl-refused",
        atUs: this.clock.nowUs,
        clientId,
        action: "publish",
        topic: will.topic,
        rule: refusal,
      });
      return;
    }
    const props = will.properties;
    const message: Message = {
      topic: will.topic,
      payload: will.payload,
      qos: will.qos,
      retain: will.retain,
      properties: props ? forwardedProperties(props) : undefined,
      publisherId: clientId,
      expiryAtUs: props?.messageExpiryIntervalS !== undefined
        ? this.clock.nowUs + props.messageExpiryIntervalS * US_PER_S
        : undefined,
    };
    this.emit({ type: "will-published", atUs: this.clock.nowUs, clientId, topic: will.topic });
    this.publish(message);
  }

  /** Forgets a session: its subscriptions leave the tree, a delayed will fires now. */
  endSession(session: Session): void {
    if (this.sessions.get(session.clientId) !== session) return;
    const will = session.pendingWill;
    session.cancelTimers();
    // [MQTT-3.1.2-8] the will goes when the Will Delay passes or the session ends
    if (will) this.publishWill(session.clientId, will, session.username);
    if (session.subscriptionCount > 0) {
      for (const sub of session.subscriptions.values()) {
        this.tree.remove(sub.topicFilter, session.clientId, sub.group);
      }
      session.subscriptions.clear();
    }
    this.sessions.delete(session.clientId);
  }

  startKeepalive(conn: Connection): void {
    if (conn.keepaliveS === 0) return;
    const limitUs = conn.keepaliveS * KEEPALIVE_FACTOR * US_PER_S;
    const check = () => {
      conn.keepaliveTimer = undefined;
      if (conn.state !== "connected") return;
      const idleUs = conn.timebase.nowUs() - conn.lastActivityUs;
      if (idleUs >= limitUs) {
        this.protocolError(conn, RC.RC_KEEP_ALIVE_TIMEOUT, "keep-alive timeout");
        return;
      }
      conn.keepaliveTimer = conn.timebase.after(limitUs - idleUs, check);
    };
    conn.keepaliveTimer = conn.timebase.after(limitUs, check);
  }

  assignClientId(): string {
    let id: string;
    do id = `auto-${(this.#nextAssignedId++).toString(16).padStart(8, "0")}`; while (
      this.sessions.has(id)
    );
    return id;
  }

  connectedCount(): number {
    let n = 0;
    for (const c of this.connections) if (c.state === "connected") n++;
    return n;
  }

  // ---- sending ------------------------------------------------------------

  sendPacket(conn: Connection, packet: Packet, level = conn.level): void {
    // Real sockets copy what they are given, so they can take slab slices (see _fast_encoder.ts)
    let bytes = conn.link.transport === "virtual"
      ? encode(packet, level)
      : encodeFast(packet, level);
    if (
      conn.maxPacketSizeOut > 0 && bytes.length > conn.maxPacketSizeOut && "properties" in packet
    ) {
      // [MQTT-3.1.2-24] never larger than the client allows: the reason string goes first
      packet = { ...packet, properties: undefined } as Packet;
      bytes = encode(packet, level);
    }
    this.sendEncoded(conn, bytes, packet, level);
  }

  sendEncoded(conn: Connection, bytes: Uint8Array, packet: Packet, level = conn.level): void {
    this.tap.record(
      this.clock.nowUs,
      conn.id,
      conn.clientId,
      conn.link.transport,
      conn.link.remoteAddress,
      "out",
      bytes,
      packet,
      level,
    );
    this.metrics.messagesSent++;
    this.metrics.bytesSent += bytes.length;
    conn.link.send(bytes);
  }

  /** Bytes with no packet model (the 3.1.1-form CONNACK to an unknown version). */
  sendRaw(conn: Connection, bytes: Uint8Array): void {
    this.metrics.bytesSent += bytes.length;
    conn.link.send(bytes);
  }

  // ---- publishing ---------------------------------------------------------

  /** The pipeline: store retained, match, deliver or queue. Returns how many sessions got it. */
  publish(message: Message): number {
    if (message.retain) this.retained.set(message);
    const { direct, shared } = this.tree.match(message.topic);
    let count = 0;
    if (direct.length === 1) {
      const { clientId, value } = direct[0];
      if (!(value.noLocal && clientId === message.publisherId)) {
        const session = this.sessions.get(clientId);
        if (session) {
          this.deliver(session, message, value.qos, value.retainAsPublished, value.subscriptionId);
          count++;
        }
      }
    } else if (direct.length > 1) {
      // Overlapping subscriptions: one copy at the highest QoS, with every id.
      const best = new Map<string, { qos: QoS; rap: boolean; ids?: number[] }>();
      for (const { clientId, value } of direct) {
        if (value.noLocal && clientId === message.publisherId) continue; // [MQTT-3.8.3-3]
        const b = best.get(clientId);
        if (!b) {
          best.set(clientId, {
            qos: value.qos,
            rap: value.retainAsPublished,
            ids: value.subscriptionId !== undefined ? [value.subscriptionId] : undefined,
          });
          continue;
        }
        if (value.qos > b.qos) b.qos = value.qos;
        b.rap ||= value.retainAsPublished;
        if (value.subscriptionId !== undefined) (b.ids ??= []).push(value.subscriptionId);
      }
      for (const [clientId, b] of best) {
        const session = this.sessions.get(clientId);
        if (!session) continue;
        this.deliverMany(session, message, b.qos, b.rap, b.ids);
        count++;
      }
    }
    for (const group of shared) {
      const member = this.#pickShareMember(group.key, group.members);
      if (!member) continue;
      const session = this.sessions.get(member.clientId)!;
      // Shared subscriptions never keep the retain flag (4.8.2)
      this.deliver(session, message, member.value.qos, false, member.value.subscriptionId);
      count++;
    }
    return count;
  }

  /** Round robin over the group, preferring members that are connected. */
  #pickShareMember(key: string, members: { clientId: string; value: SubEntry }[]) {
    const start = this.#shareCursor.get(key) ?? 0;
    let fallback: (typeof members)[number] | undefined;
    for (let i = 0; i < members.length; i++) {
      const m = members[(start + i) % members.length];
      const session = this.sessions.get(m.clientId);
      if (!session) continue;
      if (session.connection) {
        this.#shareCursor.set(key, (start + i + 1) % members.length);
        return m;
      }
      fallback ??= m;
    }
    this.#shareCursor.set(key, (start + 1) % Math.max(1, members.length));
    return fallback;
  }

  deliver(session: Session, message: Message, subQos: QoS, rap: boolean, subId?: number): void {
    this.deliverMany(session, message, subQos, rap, subId !== undefined ? [subId] : undefined);
  }

  deliverMany(
    session: Session,
    message: Message,
    subQos: QoS,
    retainAsPublished: boolean,
    subscriptionIds: number[] | undefined,
    retainedOnSubscribe = false,
  ): void {
    const qos = (message.qos < subQos ? message.qos : subQos) as QoS; // [MQTT-3.8.4-8] downgrade
    if (!this.acl.allowsEverything) {
      const who = { clientId: session.clientId, username: session.username };
      const d = this.acl.checkTopic(who, "subscribe", message.topic);
      if (!d.allowed) {
        this.emit({
          type: "acl-refused",
          atUs: this.clock.nowUs,
          clientId: session.clientId,
          action: "deliver",
          topic: message.topic,
          rule: d.rule,
        });
        return;
      }
    }
    const delivery: Delivery = {
      message,
      qos,
      // [MQTT-3.3.1-8] retained-on-subscribe keeps RETAIN; otherwise [MQTT-3.3.1-9] clears it
      // unless v5 Retain As Published [MQTT-3.3.1-12]
      retain: retainedOnSubscribe || (retainAsPublished && message.retain),
      subscriptionIds,
    };
    const conn = session.connection;
    if (conn && conn.state === "connected") {
      if (qos === 0) {
        const buffered = conn.link.bufferedAmount;
        if (buffered !== undefined && buffered > this.limits.maxBufferedBytes) {
          this.#dropped(session, message, "slow consumer");
          return;
        }
        this.sendPublish(conn, delivery);
        return;
      }
      if (
        session.inflightCount < Math.min(conn.window, this.limits.maxInflight) &&
        session.queue.length === 0
      ) {
        this.#sendInflight(conn, session, delivery);
        return;
      }
    } else if (qos === 0) {
      return; // QoS 0 is not queued for offline clients (Mosquitto's default)
    }
    this.#enqueue(session, delivery);
  }

  #enqueue(session: Session, delivery: Delivery): void {
    const queue = session.queue;
    if (queue.length >= this.limits.maxQueuedMessages) {
      const qos0 = queue.findIndex((d) => d.qos === 0);
      if (qos0 >= 0 && delivery.qos > 0) {
        this.#dropped(session, queue[qos0].message, "queue full");
        queue.splice(qos0, 1);
      } else {
        this.#dropped(session, delivery.message, "queue full");
        return;
      }
    }
    queue.push(delivery);
  }

  #dropped(session: Session, message: Message, reason: string): void {
    this.metrics.publishDropped++;
    this.emit({
      type: "message-dropped",
      atUs: this.clock.nowUs,
      clientId: session.clientId,
      topic: message.topic,
      reason,
    });
  }

  #sendInflight(conn: Connection, session: Session, delivery: Delivery): void {
    const packetId = session.allocatePacketId();
    if (packetId === undefined) {
      this.#enqueue(session, delivery);
      return;
    }
    delivery.packetId = packetId;
    delivery.state = delivery.qos === 1 ? "puback" : "pubrec";
    if (this.sendPublish(conn, delivery)) session.inflight.set(packetId, delivery);
  }

  /** Moves queued messages into the window while there is room. */
  pump(session: Session): void {
    const conn = session.connection;
    if (!conn || conn.state !== "connected") return;
    const window = Math.min(conn.window, this.limits.maxInflight);
    const now = this.clock.nowUs;
    while (session.queue.length > 0 && session.inflightCount < window) {
      const delivery = session.queue.shift()!;
      if (isExpired(delivery.message, now)) continue;
      if (delivery.qos === 0) this.sendPublish(conn, delivery);
      else this.#sendInflight(conn, session, delivery);
    }
  }

  /** After reconnecting: in-flight messages again, PUBLISH with DUP or PUBREL [MQTT-4.4.0-1]. */
  resend(conn: Connection, session: Session): void {
    if (session.inflightCount > 0) {
      for (const [packetId, delivery] of session.inflight) {
        if (delivery.state === "pubcomp") {
          this.sendPacket(conn, { type: "PUBREL", packetId });
        } else {
          this.sendPublish(conn, delivery, true);
        }
      }
    }
    this.pump(session);
  }

  /** Encodes and sends one PUBLISH; false when it was dropped (expired or too large). */
  sendPublish(conn: Connection, delivery: Delivery, dup = false): boolean {
    const message = delivery.message;
    let topic = message.topic;
    let properties: Properties | undefined;
    let newAlias = false;
    if (conn.level === 5) {
      if (message.properties) properties = { ...message.properties };
      if (message.expiryAtUs !== undefined) {
        const leftUs = message.expiryAtUs - this.clock.nowUs;
        if (leftUs <= 0) return false; // [MQTT-3.3.2-5]
        (properties ??= {}).messageExpiryIntervalS = Math.ceil(leftUs / US_PER_S); // [MQTT-3.3.2-6]
      }
      if (delivery.subscriptionIds) {
        (properties ??= {}).subscriptionIdentifiers = delivery.subscriptionIds;
      }
      if (conn.topicAliasMaximumOut > 0) {
        const alias = conn.aliasesOut.get(topic);
        if (alias !== undefined) {
          (properties ??= {}).topicAlias = alias;
          topic = "";
        } else if (conn.aliasesOut.size < conn.topicAliasMaximumOut) {
          const next = conn.aliasesOut.size + 1;
          conn.aliasesOut.set(topic, next);
          (properties ??= {}).topicAlias = next;
          newAlias = true;
        }
      }
    } else if (message.expiryAtUs !== undefined && message.expiryAtUs <= this.clock.nowUs) {
      return false;
    }
    const packet: PublishPacket = {
      type: "PUBLISH",
      dup,
      qos: delivery.qos,
      retain: delivery.retain,
      topic,
      packetId: delivery.qos > 0 ? delivery.packetId : undefined,
      payload: message.payload,
      properties,
    };
    // Real sockets copy what they are given, so they can take slab slices (see _fast_encoder.ts)
    const bytes = conn.link.transport === "virtual"
      ? encode(packet, conn.level)
      : encodePublishFast(packet, conn.level);
    if (conn.maxPacketSizeOut > 0 && bytes.length > conn.maxPacketSizeOut) {
      // [MQTT-3.1.2-25] too large for the client: discarded as if delivered
      if (newAlias) conn.aliasesOut.delete(message.topic); // it never reached the client
      this.#dropped(conn.session!, message, "larger than the client's Maximum Packet Size");
      return false;
    }
    this.metrics.publishSent++;
    this.sendEncoded(conn, bytes, packet);
    return true;
  }

  // ---- shutdown -----------------------------------------------------------

  closeAll(): void {
    this.#closed = true;
    for (const conn of [...this.connections]) {
      if (conn.level === 5 && conn.state === "connected") {
        this.sendPacket(conn, { type: "DISCONNECT", reasonCode: RC.RC_SERVER_SHUTTING_DOWN });
      }
      this.close(conn, "the broker is shutting down", false);
    }
    for (const session of this.sessions.values()) session.cancelTimers();
    this.sys.stop();
  }
}

/** The v5 properties a PUBLISH or will carries on to subscribers (3.3.2.3). */
export function forwardedProperties(p: Properties): Properties | undefined {
  const out: Properties = {};
  let any = false;
  if (p.payloadFormatIndicator !== undefined) {
    out.payloadFormatIndicator = p.payloadFormatIndicator; // [MQTT-3.3.2-4]
    any = true;
  }
  if (p.contentType !== undefined) {
    out.contentType = p.contentType; // [MQTT-3.3.2-20]
    any = true;
  }
  if (p.responseTopic !== undefined) {
    out.responseTopic = p.responseTopic; // [MQTT-3.3.2-15]
    any = true;
  }
  if (p.correlationData !== undefined) {
    out.correlationData = p.correlationData; // [MQTT-3.3.2-16]
    any = true;
  }
  if (p.userProperties !== undefined) {
    out.userProperties = p.userProperties; // [MQTT-3.3.2-17]
    any = true;
  }
  return any ? out : undefined;
}

const CONNECT_FIRST_BYTE = 0x10;
/** 0x00 0x04 "MQTT": the protocol name of 3.1.1 and 5.0 CONNECTs. */
const MQTT_NAME = [0x00, 0x04, 0x4d, 0x51, 0x54, 0x54];
const VARINT_CONTINUE = 0x80;
const VARINT_MAX_BYTES = 4;

/** The protocol level a CONNECT at the start of `bytes` claims, read before decoding it. */
export function peekConnectLevel(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== CONNECT_FIRST_BYTE) return undefined;
  let pos = 1;
  while (pos <= VARINT_MAX_BYTES && (bytes[pos] & VARINT_CONTINUE) !== 0) pos++;
  pos++;
  for (let i = 0; i < MQTT_NAME.length; i++) {
    if (bytes[pos + i] !== MQTT_NAME[i]) return undefined;
  }
  return bytes[pos + MQTT_NAME.length];
}
