/**
 * One network connection's state: the decoder, the protocol level it speaks,
 * its keep-alive, will and v5 limits negotiated at CONNECT. The behaviour lives
 * in the core and the handlers; this is the data they share.
 */
import type { ProtocolLevel, Will } from "./codec/mod.ts";
import type { Decoder } from "./_codec.ts";
import type { Link } from "./link.ts";
import type { Session } from "./session.ts";
import type { Timebase, TimerHandle } from "./timebase.ts";

export type ConnectionState = "new" | "authenticating" | "connected" | "closed";

/** The receive maximum a v5 client gets when it names none (3.1.2.11.3). */
export const DEFAULT_RECEIVE_MAXIMUM = 65_535;

export class Connection {
  state: ConnectionState = "new";
  level: ProtocolLevel = 4;
  clientId: string | undefined;
  username: string | undefined;
  session: Session | undefined;
  keepaliveS = 0;
  /** Timebase time of the last packet received (keep-alive is judged from it). */
  lastActivityUs = 0;
  keepaliveTimer: TimerHandle | undefined;
  connectTimer: TimerHandle | undefined;
  will: Will | undefined;
  /** v5 CONNECT's Session Expiry was 0: DISCONNECT may not raise it [MQTT-3.14.2-2]. */
  connectExpiryWasZero = true;
  /** Client's Receive Maximum: our QoS 1/2 window towards it. */
  window = DEFAULT_RECEIVE_MAXIMUM;
  /** Client's Maximum Packet Size (v5), 0 = none. */
  maxPacketSizeOut = 0;
  /** Client's Topic Alias Maximum (v5): aliases we may use towards it. */
  topicAliasMaximumOut = 0;
  readonly aliasesIn = new Map<number, string>();
  readonly aliasesOut = new Map<string, number>();
  requestProblemInformation = true;
  /** Frames that arrived while the password was being checked. */
  readonly pending: { packet: import("./codec/mod.ts").Packet; bytes: Uint8Array }[] = [];

  constructor(
    readonly id: number,
    readonly link: Link,
    readonly timebase: Timebase,
    readonly decoder: Decoder,
  ) {}
}
