/**
 * The codec pieces the broker uses, in one place.
 * TODO(codec): import from ./codec/mod.ts once it exports these.
 */
export { CodecError } from "./codec/errors.ts";
export { Decoder } from "./codec/decode.ts";
export { encode } from "./codec/encode.ts";
