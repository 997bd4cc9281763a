/**
 * One network connection's state: the decoder, the protocol level it speaks,
 * its keep-alive, will and v5 limits negotiated at CONNECT. The behaviour lives
 * in the core and the handlers; this is the data they share.
 */
import type { DecodedFrame, ProtocolLevel, Will } from "./codec/mod.ts";
import type { Decoder } from "./_codec.ts";
import type { Link } from "./link.ts";
import type { Session } from "./session.ts";
import type { Timebase, TimerHandle } from "./timebase.ts";

export type ConnectionState = "new" | "authenticating" | "connected" | "closed";

/** The receive maximum a v5 client gets when it names none (3.1.2.11.3). */
export const DEFAULT_RECEIVE_MAXIMUM = 65_535;

export class Connection {
  state: ConnectionState = "new";
  /** The level the first bytes' CONNECT claims (0 = none), to answer a malformed v5 CONNECT. */
  claimedLevel: number | undefined;
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
  requestProblemInformation = true;
  // Made on first use: most connections never need them, and idle connections should be small.
  #aliasesIn: Map<number, string> | undefined;
  #aliasesOut: Map<string, number> | undefined;
  #pending: DecodedFrame[] | undefined;

  constructor(
    readonly id: number,
    readonly link: Link,
    readonly timebase: Timebase,
    readonly decoder: Decoder,
  ) {}

  /** v5 topic aliases the client set up towards us. */
  get aliasesIn(): Map<number, string> {
    return this.#aliasesIn ??= new Map();
  }

  /** v5 topic aliases we set up towards the client. */
  get aliasesOut(): Map<string, number> {
    return this.#aliasesOut ??= new Map();
  }

  /** Frames that arrived while the password was being checked. */
  get pending(): DecodedFrame[] {
    return this.#pending ??= [];
  }
}
