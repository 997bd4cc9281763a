/** The codec pieces the broker uses, in one place. */
export { CodecError, Decoder, encode } from "./codec/mod.ts";
