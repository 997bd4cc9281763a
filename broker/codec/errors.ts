/** The codec's one error type: what failed, the spec rule it breaks, and the reason code to answer with. */
import { ReasonCode } from "./constants.ts";

import type { DecodedFrame } from "./packet.ts";

export class CodecError extends Error {
  /**
   * The spec rule broken, e.g. "MQTT-3.3.2-2" (a numbered conformance rule, 5.0 numbering
   * unless the rule exists only in 3.1.1), or "MQTT-1.5.5" (a section, where no rule is numbered).
   */
  readonly rule: string;
  /** Reason code to answer with: 0x81 malformed, 0x82 protocol error, 0x95 too large, ... */
  readonly reasonCode: number;
  /**
   * Set when a CONNECT fails after its protocol level was read: the level to answer in
   * (a Decoder adopts it, so a server can send a 5.0 CONNACK with this reason code).
   */
  protocolLevel?: 3 | 4 | 5;
  /**
   * Set by `Decoder.push`: the good frames of the same chunk that came before the bad
   * bytes. A server handles them first (a PUBLISH glued to garbage still counts), then
   * answers the error.
   */
  framesBefore?: DecodedFrame[];

  constructor(message: string, rule: string, reasonCode: number = ReasonCode.MalformedPacket) {
    super(`${message} [${rule}]`);
    this.name = "CodecError";
    this.rule = rule;
    this.reasonCode = reasonCode;
  }
}

/** Shorthands for the decoder: "Cannot decode PUBLISH: <why> [rule]". */
export function malformed(what: string, why: string, rule: string): CodecError {
  return new CodecError(`Cannot decode ${what}: ${why}`, rule, ReasonCode.MalformedPacket);
}

export function protocolError(what: string, why: string, rule: string): CodecError {
  return new CodecError(`Cannot decode ${what}: ${why}`, rule, ReasonCode.ProtocolError);
}

export function cannotEncode(what: string, why: string, rule: string): CodecError {
  return new CodecError(`Cannot encode ${what}: ${why}`, rule, ReasonCode.MalformedPacket);
}
