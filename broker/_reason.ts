/** MQTT 5 reason codes (section 2.4) and MQTT 3.1.1 CONNACK return codes the broker sends. */

export const RC_SUCCESS = 0x00;
export const RC_DISCONNECT_WITH_WILL = 0x04;
export const RC_NO_MATCHING_SUBSCRIBERS = 0x10;
export const RC_NO_SUBSCRIPTION_EXISTED = 0x11;
export const RC_UNSPECIFIED_ERROR = 0x80;
export const RC_MALFORMED_PACKET = 0x81;
export const RC_PROTOCOL_ERROR = 0x82;
export const RC_IMPLEMENTATION_SPECIFIC = 0x83;
export const RC_UNSUPPORTED_PROTOCOL_VERSION = 0x84;
export const RC_CLIENT_ID_NOT_VALID = 0x85;
export const RC_BAD_USERNAME_OR_PASSWORD = 0x86;
export const RC_NOT_AUTHORIZED = 0x87;
export const RC_SERVER_UNAVAILABLE = 0x88;
export const RC_SERVER_SHUTTING_DOWN = 0x8b;
export const RC_BAD_AUTHENTICATION_METHOD = 0x8c;
export const RC_KEEP_ALIVE_TIMEOUT = 0x8d;
export const RC_SESSION_TAKEN_OVER = 0x8e;
export const RC_TOPIC_FILTER_INVALID = 0x8f;
export const RC_TOPIC_NAME_INVALID = 0x90;
export const RC_PACKET_ID_NOT_FOUND = 0x92;
export const RC_RECEIVE_MAXIMUM_EXCEEDED = 0x93;
export const RC_TOPIC_ALIAS_INVALID = 0x94;
export const RC_PACKET_TOO_LARGE = 0x95;
export const RC_QUOTA_EXCEEDED = 0x97;
export const RC_SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9e;

/** MQTT 3.1 / 3.1.1 CONNACK return codes (3.2.2.3). */
export const V3_ACCEPTED = 0;
export const V3_UNACCEPTABLE_PROTOCOL_VERSION = 1;
export const V3_IDENTIFIER_REJECTED = 2;
export const V3_SERVER_UNAVAILABLE = 3;
export const V3_BAD_USERNAME_OR_PASSWORD = 4;
export const V3_NOT_AUTHORIZED = 5;

/** SUBACK failure under 3.1.1. */
export const V3_SUBACK_FAILURE = 0x80;

/** The v3 CONNACK code closest to a v5 reason code. */
export function v3ConnackCode(reasonCode: number): number {
  switch (reasonCode) {
    case RC_SUCCESS:
      return V3_ACCEPTED;
    case RC_UNSUPPORTED_PROTOCOL_VERSION:
      return V3_UNACCEPTABLE_PROTOCOL_VERSION;
    case RC_CLIENT_ID_NOT_VALID:
      return V3_IDENTIFIER_REJECTED;
    case RC_BAD_USERNAME_OR_PASSWORD:
      return V3_BAD_USERNAME_OR_PASSWORD;
    case RC_NOT_AUTHORIZED:
      return V3_NOT_AUTHORIZED;
    default:
      return V3_SERVER_UNAVAILABLE;
  }
}
