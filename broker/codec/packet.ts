/**
 * The packet model: one interface per MQTT control packet, a union discriminated on `type`.
 * Field names are camelCase; a name that holds a time carries its unit (`keepaliveS`).
 * Binary data is always `Uint8Array` (never Node's Buffer).
 */

/** 3 = MQTT 3.1 ("MQIsdp"), 4 = MQTT 3.1.1, 5 = MQTT 5.0. */
export type ProtocolLevel = 3 | 4 | 5;

export type QoS = 0 | 1 | 2;

export type PacketType =
  | "CONNECT"
  | "CONNACK"
  | "PUBLISH"
  | "PUBACK"
  | "PUBREC"
  | "PUBREL"
  | "PUBCOMP"
  | "SUBSCRIBE"
  | "SUBACK"
  | "UNSUBSCRIBE"
  | "UNSUBACK"
  | "PINGREQ"
  | "PINGRESP"
  | "DISCONNECT"
  | "AUTH";

/**
 * MQTT 5 properties (section 2.2.2.2), one optional key per property. Yes/no properties
 * that the wire carries as a 0/1 byte are booleans; times carry their unit.
 */
export interface Properties {
  /** 0x01: 0 = unspecified bytes, 1 = UTF-8 text. */
  payloadFormatIndicator?: 0 | 1;
  /** 0x02 */
  messageExpiryIntervalS?: number;
  /** 0x03 */
  contentType?: string;
  /** 0x08 */
  responseTopic?: string;
  /** 0x09 */
  correlationData?: Uint8Array;
  /** 0x0B: a variable byte integer 1..268,435,455; may repeat on PUBLISH. */
  subscriptionIdentifiers?: number[];
  /** 0x11 */
  sessionExpiryIntervalS?: number;
  /** 0x12 */
  assignedClientIdentifier?: string;
  /** 0x13 */
  serverKeepAliveS?: number;
  /** 0x15 */
  authenticationMethod?: string;
  /** 0x16 */
  authenticationData?: Uint8Array;
  /** 0x17 */
  requestProblemInformation?: boolean;
  /** 0x18 */
  willDelayIntervalS?: number;
  /** 0x19 */
  requestResponseInformation?: boolean;
  /** 0x1A */
  responseInformation?: string;
  /** 0x1C */
  serverReference?: string;
  /** 0x1F */
  reasonString?: string;
  /** 0x21 */
  receiveMaximum?: number;
  /** 0x22 */
  topicAliasMaximum?: number;
  /** 0x23 */
  topicAlias?: number;
  /** 0x24 */
  maximumQoS?: 0 | 1;
  /** 0x25 */
  retainAvailable?: boolean;
  /** 0x26: name/value pairs in wire order; a name may repeat. */
  userProperties?: [string, string][];
  /** 0x27 */
  maximumPacketSize?: number;
  /** 0x28 */
  wildcardSubscriptionAvailable?: boolean;
  /** 0x29 */
  subscriptionIdentifiersAvailable?: boolean;
  /** 0x2A */
  sharedSubscriptionAvailable?: boolean;
}

export interface Will {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** MQTT 5 will properties. */
  properties?: Properties;
}

export interface ConnectPacket {
  type: "CONNECT";
  /** "MQIsdp" for level 3, "MQTT" for levels 4 and 5. */
  protocolName: string;
  protocolLevel: ProtocolLevel;
  /** Clean Session (3.1, 3.1.1) / Clean Start (5.0). */
  cleanStart: boolean;
  keepaliveS: number;
  clientId: string;
  will?: Will;
  username?: string;
  password?: Uint8Array;
  properties?: Properties;
}

export interface ConnackPacket {
  type: "CONNACK";
  sessionPresent: boolean;
  /** v5: a reason code; v3/v4: the connect return code 0..5. */
  reasonCode: number;
  properties?: Properties;
}

export interface PublishPacket {
  type: "PUBLISH";
  dup: boolean;
  qos: QoS;
  retain: boolean;
  topic: string;
  /** Present when qos > 0. */
  packetId?: number;
  payload: Uint8Array;
  properties?: Properties;
}

interface PublishResponse {
  packetId: number;
  /** MQTT 5 only; absent means 0x00 Success. */
  reasonCode?: number;
  properties?: Properties;
}

export interface PubackPacket extends PublishResponse {
  type: "PUBACK";
}
export interface PubrecPacket extends PublishResponse {
  type: "PUBREC";
}
export interface PubrelPacket extends PublishResponse {
  type: "PUBREL";
}
export interface PubcompPacket extends PublishResponse {
  type: "PUBCOMP";
}

export interface Subscription {
  topicFilter: string;
  /** Maximum QoS requested. */
  qos: QoS;
  /** MQTT 5 subscription options. */
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: 0 | 1 | 2;
}

export interface SubscribePacket {
  type: "SUBSCRIBE";
  packetId: number;
  subscriptions: Subscription[];
  properties?: Properties;
}

export interface SubackPacket {
  type: "SUBACK";
  packetId: number;
  /** v3/v4: granted QoS 0..2 or 0x80 failure; v5: reason codes. */
  reasonCodes: number[];
  properties?: Properties;
}

export interface UnsubscribePacket {
  type: "UNSUBSCRIBE";
  packetId: number;
  topicFilters: string[];
  properties?: Properties;
}

export interface UnsubackPacket {
  type: "UNSUBACK";
  packetId: number;
  /** MQTT 5 only: one reason code per topic filter. */
  reasonCodes?: number[];
  properties?: Properties;
}

export interface PingreqPacket {
  type: "PINGREQ";
}

export interface PingrespPacket {
  type: "PINGRESP";
}

export interface DisconnectPacket {
  type: "DISCONNECT";
  /** MQTT 5 only; absent means 0x00 Normal disconnection. */
  reasonCode?: number;
  properties?: Properties;
}

export interface AuthPacket {
  type: "AUTH";
  /** Absent means 0x00 Success. */
  reasonCode?: number;
  properties?: Properties;
}

export type Packet =
  | ConnectPacket
  | ConnackPacket
  | PublishPacket
  | PubackPacket
  | PubrecPacket
  | PubrelPacket
  | PubcompPacket
  | SubscribePacket
  | SubackPacket
  | UnsubscribePacket
  | UnsubackPacket
  | PingreqPacket
  | PingrespPacket
  | DisconnectPacket
  | AuthPacket;

/** A packet of the given type: `PacketOf<"PUBLISH">` is `PublishPacket`. */
export type PacketOf<T extends PacketType> = Extract<Packet, { type: T }>;

/** One decoded frame: the packet and exactly the bytes it came from. */
export interface DecodedFrame {
  packet: Packet;
  bytes: Uint8Array;
}

/**
 * One dissected field of a frame. Leaf fields cover every byte of the frame exactly once,
 * except bit fields: fields carrying `bits` share their byte(s) with their siblings and
 * together cover that byte. `bits: [hi, lo]` names the bit positions (7 = most significant)
 * of the single byte at `start` that the field occupies, e.g. the PUBLISH QoS is
 * `{ start: 0, end: 1, bits: [2, 1] }`.
 */
export interface Field {
  /** Machine name, e.g. "fixedHeader.qos", "properties.topicAlias". */
  name: string;
  /** Human label, e.g. "QoS level". */
  label: string;
  start: number;
  /** Exclusive. */
  end: number;
  bits?: [number, number];
  value?: unknown;
  note?: string;
  /** Spec section, e.g. "3.3.1.2" or a rule "MQTT-3.3.2-2". */
  spec?: string;
  children?: Field[];
}
