/** An application message on its way through the broker, and one delivery of it. */
import type { Properties, QoS } from "./codec/mod.ts";

export interface Message {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** v5 properties forwarded to subscribers (no topic alias, no subscription ids). */
  properties?: Properties;
  /** The publisher's client id, for v5 No Local; undefined for wills and $SYS. */
  publisherId?: string;
  /** Virtual time after which the message is no longer delivered (v5 Message Expiry). */
  expiryAtUs?: number;
}

export type OutboundState = "puback" | "pubrec" | "pubcomp";

/** One message on its way to one session. */
export interface Delivery {
  message: Message;
  /** min(message QoS, subscription QoS). */
  qos: QoS;
  /** The RETAIN flag as sent (true for retained-on-subscribe and retain-as-published). */
  retain: boolean;
  subscriptionIds?: number[];
  packetId?: number;
  state?: OutboundState;
}

export function isExpired(message: Message, nowUs: number): boolean {
  return message.expiryAtUs !== undefined && nowUs >= message.expiryAtUs;
}
