/**
 * broker/codec: the project's MQTT 3.1 / 3.1.1 / 5.0 codec. Encoder, incremental decoder,
 * validation with spec rules, a dissector that knows every field's bytes, and summaries.
 */
export type {
  AuthPacket,
  ConnackPacket,
  ConnectPacket,
  DecodedFrame,
  DisconnectPacket,
  Field,
  Packet,
  PacketOf,
  PacketType,
  PingreqPacket,
  PingrespPacket,
  Properties,
  ProtocolLevel,
  PubackPacket,
  PubcompPacket,
  PublishPacket,
  PubrecPacket,
  PubrelPacket,
  QoS,
  SubackPacket,
  SubscribePacket,
  Subscription,
  UnsubackPacket,
  UnsubscribePacket,
  Will,
} from "./packet.ts";
export {
  CONNECT_RETURN_CODE_NAMES,
  ConnectReturnCode,
  DEFAULT_MAX_PACKET_SIZE,
  PACKET_TYPE_NAMES,
  PacketTypeCode,
  REASON_CODE_NAMES,
  ReasonCode,
  VALID_REASON_CODES,
} from "./constants.ts";
export { CodecError } from "./errors.ts";
export { encode } from "./encode.ts";
export { decodeFrame, Decoder, type DecoderOptions } from "./decode.ts";
export { dissect } from "./dissect.ts";
export { type PayloadPreview, previewPayload, reasonName, summarize } from "./summary.ts";
export { PROPERTY_DEFS, type PropertyDef } from "./properties.ts";
