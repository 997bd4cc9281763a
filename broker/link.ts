/**
 * The byte duplex the broker speaks MQTT over. Every transport (the virtual
 * network, TCP, WebSocket) adapts its socket to a Link and calls
 * `broker.attach(link)`, then feeds what it reads into the AttachedLink.
 */

export type Transport = "tcp" | "ws" | "virtual";

export interface Link {
  readonly transport: Transport;
  /** "host:port" of the peer, or a board's name on the virtual network. */
  readonly remoteAddress: string;
  /** Queues bytes to the peer; never throws for a closed peer. */
  send(bytes: Uint8Array): void;
  /** Closes the connection; the transport then calls `closed()`. */
  close(): void;
  /**
   * Bytes handed to `send` that the peer has not taken yet. Optional: when
   * present, the broker drops QoS 0 messages for a slow consumer instead of
   * letting this grow without bound.
   */
  readonly bufferedAmount?: number;
}

/** What `broker.attach(link)` gives back to the transport. */
export interface AttachedLink {
  /** Bytes read from the peer, split or glued arbitrarily. */
  receive(bytes: Uint8Array): void;
  /** The peer went away (or `link.close()` finished). */
  closed(): void;
}

/**
 * What a transport hands its links to: the Broker, or anything that stands in for
 * it (a recorder that notes what real clients send, then passes the link on).
 */
export interface LinkAcceptor {
  attach(link: Link): AttachedLink;
}
