/**
 * The codec's one constants table: packet type codes, flag masks (with the spec section that
 * defines them), MQTT 5 reason codes and MQTT 3.x CONNACK return codes.
 */
import type { PacketType } from "./packet.ts";

/** Control packet type codes, the high nibble of the first byte (2.1.2). */
export const PacketTypeCode = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
  AUTH: 15,
} as const satisfies Record<PacketType, number>;

/** Packet type names indexed by code; index 0 is reserved (forbidden). */
export const PACKET_TYPE_NAMES: readonly (PacketType | undefined)[] = [
  undefined,
  "CONNECT",
  "CONNACK",
  "PUBLISH",
  "PUBACK",
  "PUBREC",
  "PUBREL",
  "PUBCOMP",
  "SUBSCRIBE",
  "SUBACK",
  "UNSUBSCRIBE",
  "UNSUBACK",
  "PINGREQ",
  "PINGRESP",
  "DISCONNECT",
  "AUTH",
];

// ---- Fixed header, first byte (2.1.2, 2.1.3) ----
/** Packet type: bits 7-4 of the first byte. */
export const TYPE_SHIFT = 4;
/** Flags: bits 3-0 of the first byte. */
export const FLAGS_MASK = 0x0f;
/** PUBLISH DUP: bit 3, set on re-delivery (3.3.1.1). */
export const PUBLISH_DUP = 0x08;
/** PUBLISH QoS: bits 2-1 (3.3.1.2). */
export const PUBLISH_QOS_MASK = 0x06;
export const PUBLISH_QOS_SHIFT = 1;
/** PUBLISH RETAIN: bit 0 (3.3.1.3). */
export const PUBLISH_RETAIN = 0x01;
/**
 * Fixed flags every packet but PUBLISH must carry [MQTT-2.2.2-1]: 0b0010 for PUBREL,
 * SUBSCRIBE and UNSUBSCRIBE, 0 for the rest. Indexed by type code.
 */
export const REQUIRED_FLAGS: readonly number[] = [
  0,
  0,
  0,
  -1,
  0,
  0,
  0b0010,
  0,
  0b0010,
  0,
  0b0010,
  0,
  0,
  0,
  0,
  0,
];

// ---- Variable byte integer (1.5.5) ----
/** Low 7 bits carry the value. */
export const VARINT_VALUE_MASK = 0x7f;
/** Bit 7: another byte follows. */
export const VARINT_CONTINUE = 0x80;
/** At most 4 bytes, so at most 268,435,455 (1.5.5). */
export const VARINT_MAX_BYTES = 4;
export const VARINT_MAX = 268_435_455;

// ---- CONNECT flags (3.1.2.3) ----
/** Bit 7: a user name is present (3.1.2.8). */
export const CONNECT_USERNAME = 0x80;
/** Bit 6: a password is present (3.1.2.9). */
export const CONNECT_PASSWORD = 0x40;
/** Bit 5: the will message is retained (3.1.2.7). */
export const CONNECT_WILL_RETAIN = 0x20;
/** Bits 4-3: will QoS (3.1.2.6). */
export const CONNECT_WILL_QOS_MASK = 0x18;
export const CONNECT_WILL_QOS_SHIFT = 3;
/** Bit 2: a will message is present (3.1.2.5). */
export const CONNECT_WILL = 0x04;
/** Bit 1: Clean Session (3.1.1) / Clean Start (5.0) (3.1.2.4). */
export const CONNECT_CLEAN = 0x02;
/** Bit 0: reserved, must be 0 [MQTT-3.1.2-3]. */
export const CONNECT_RESERVED = 0x01;

/** Protocol names by level (3.1.2.1). */
export const PROTOCOL_NAME_V3 = "MQIsdp";
export const PROTOCOL_NAME = "MQTT";

// ---- CONNACK acknowledge flags (3.2.2.1) ----
/** Bit 0: the server had a session for this client. */
export const CONNACK_SESSION_PRESENT = 0x01;
/** Bits 7-1: reserved, must be 0 [MQTT-3.2.2-1]. */
export const CONNACK_RESERVED = 0xfe;

// ---- Subscription options (3.8.3.1) ----
/** Bits 1-0: maximum QoS. */
export const SUB_QOS_MASK = 0x03;
/** Bit 2: No Local (5.0). */
export const SUB_NO_LOCAL = 0x04;
/** Bit 3: Retain As Published (5.0). */
export const SUB_RETAIN_AS_PUBLISHED = 0x08;
/** Bits 5-4: Retain Handling (5.0). */
export const SUB_RETAIN_HANDLING_MASK = 0x30;
export const SUB_RETAIN_HANDLING_SHIFT = 4;
/** Bits 7-6 reserved in 5.0 [MQTT-3.8.3-5]. */
export const SUB_RESERVED_V5 = 0xc0;
/** Bits 7-2 reserved in 3.1.1 [MQTT-3.8.3-4]. */
export const SUB_RESERVED_V4 = 0xfc;

/** MQTT 5 reason codes (2.4). Some values carry two names, as in the spec's table. */
export const ReasonCode = {
  Success: 0x00,
  NormalDisconnection: 0x00,
  GrantedQoS0: 0x00,
  GrantedQoS1: 0x01,
  GrantedQoS2: 0x02,
  DisconnectWithWillMessage: 0x04,
  NoMatchingSubscribers: 0x10,
  NoSubscriptionExisted: 0x11,
  ContinueAuthentication: 0x18,
  ReAuthenticate: 0x19,
  UnspecifiedError: 0x80,
  MalformedPacket: 0x81,
  ProtocolError: 0x82,
  ImplementationSpecificError: 0x83,
  UnsupportedProtocolVersion: 0x84,
  ClientIdentifierNotValid: 0x85,
  BadUserNameOrPassword: 0x86,
  NotAuthorized: 0x87,
  ServerUnavailable: 0x88,
  ServerBusy: 0x89,
  Banned: 0x8a,
  ServerShuttingDown: 0x8b,
  BadAuthenticationMethod: 0x8c,
  KeepAliveTimeout: 0x8d,
  SessionTakenOver: 0x8e,
  TopicFilterInvalid: 0x8f,
  TopicNameInvalid: 0x90,
  PacketIdentifierInUse: 0x91,
  PacketIdentifierNotFound: 0x92,
  ReceiveMaximumExceeded: 0x93,
  TopicAliasInvalid: 0x94,
  PacketTooLarge: 0x95,
  MessageRateTooHigh: 0x96,
  QuotaExceeded: 0x97,
  AdministrativeAction: 0x98,
  PayloadFormatInvalid: 0x99,
  RetainNotSupported: 0x9a,
  QoSNotSupported: 0x9b,
  UseAnotherServer: 0x9c,
  ServerMoved: 0x9d,
  SharedSubscriptionsNotSupported: 0x9e,
  ConnectionRateExceeded: 0x9f,
  MaximumConnectTime: 0xa0,
  SubscriptionIdentifiersNotSupported: 0xa1,
  WildcardSubscriptionsNotSupported: 0xa2,
} as const;

/** Human names of MQTT 5 reason codes, as the spec's table words them. */
export const REASON_CODE_NAMES: Readonly<Record<number, string>> = {
  0x00: "Success",
  0x01: "Granted QoS 1",
  0x02: "Granted QoS 2",
  0x04: "Disconnect with Will Message",
  0x10: "No matching subscribers",
  0x11: "No subscription existed",
  0x18: "Continue authentication",
  0x19: "Re-authenticate",
  0x80: "Unspecified error",
  0x81: "Malformed Packet",
  0x82: "Protocol Error",
  0x83: "Implementation specific error",
  0x84: "Unsupported Protocol Version",
  0x85: "Client Identifier not valid",
  0x86: "Bad User Name or Password",
  0x87: "Not authorized",
  0x88: "Server unavailable",
  0x89: "Server busy",
  0x8a: "Banned",
  0x8b: "Server shutting down",
  0x8c: "Bad authentication method",
  0x8d: "Keep Alive timeout",
  0x8e: "Session taken over",
  0x8f: "Topic Filter invalid",
  0x90: "Topic Name invalid",
  0x91: "Packet Identifier in use",
  0x92: "Packet Identifier not found",
  0x93: "Receive Maximum exceeded",
  0x94: "Topic Alias invalid",
  0x95: "Packet too large",
  0x96: "Message rate too high",
  0x97: "Quota exceeded",
  0x98: "Administrative action",
  0x99: "Payload format invalid",
  0x9a: "Retain not supported",
  0x9b: "QoS not supported",
  0x9c: "Use another server",
  0x9d: "Server moved",
  0x9e: "Shared Subscriptions not supported",
  0x9f: "Connection rate exceeded",
  0xa0: "Maximum connect time",
  0xa1: "Subscription Identifiers not supported",
  0xa2: "Wildcard Subscriptions not supported",
};

/** MQTT 3.1 / 3.1.1 CONNACK return codes (3.2.2.3). */
export const ConnectReturnCode = {
  Accepted: 0,
  UnacceptableProtocolVersion: 1,
  IdentifierRejected: 2,
  ServerUnavailable: 3,
  BadUsernameOrPassword: 4,
  NotAuthorized: 5,
} as const;

export const CONNECT_RETURN_CODE_NAMES: readonly string[] = [
  "Connection Accepted",
  "unacceptable protocol version",
  "identifier rejected",
  "Server unavailable",
  "bad user name or password",
  "not authorized",
];

/** 3.1.1 SUBACK return code for a refused subscription (3.9.3). */
export const SUBACK_FAILURE_V4 = 0x80;

/** Reason codes each MQTT 5 packet may carry (3.x.2.1 of each packet). */
export const VALID_REASON_CODES: Readonly<Partial<Record<PacketType, ReadonlySet<number>>>> = {
  CONNACK: new Set([
    0x00,
    0x80,
    0x81,
    0x82,
    0x83,
    0x84,
    0x85,
    0x86,
    0x87,
    0x88,
    0x89,
    0x8a,
    0x8c,
    0x90,
    0x95,
    0x97,
    0x99,
    0x9a,
    0x9b,
    0x9c,
    0x9d,
    0x9f,
  ]),
  PUBACK: new Set([0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99]),
  PUBREC: new Set([0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99]),
  PUBREL: new Set([0x00, 0x92]),
  PUBCOMP: new Set([0x00, 0x92]),
  SUBACK: new Set([0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8f, 0x91, 0x97, 0x9e, 0xa1, 0xa2]),
  UNSUBACK: new Set([0x00, 0x11, 0x80, 0x83, 0x87, 0x8f, 0x91]),
  DISCONNECT: new Set([
    0x00,
    0x04,
    0x80,
    0x81,
    0x82,
    0x83,
    0x87,
    0x89,
    0x8b,
    0x8d,
    0x8e,
    0x8f,
    0x90,
    0x93,
    0x94,
    0x95,
    0x96,
    0x97,
    0x98,
    0x99,
    0x9a,
    0x9b,
    0x9c,
    0x9d,
    0x9e,
    0x9f,
    0xa0,
    0xa1,
    0xa2,
  ]),
  AUTH: new Set([0x00, 0x18, 0x19]),
};

/** Default largest frame a Decoder accepts, header included (256 KiB; the spec's cap is ~256 MiB). */
export const DEFAULT_MAX_PACKET_SIZE = 256 * 1024;
