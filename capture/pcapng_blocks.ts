/**
 * pcapng blocks, little-endian (the byte-order magic tells readers), as in the PCAP Next
 * Generation Dump File Format (draft-ietf-opsawg-pcapng): section 4.1 "Section Header
 * Block", 4.2 "Interface Description Block", 4.3 "Enhanced Packet Block", and section 3.5
 * "Options" (code, length, value padded to 32 bits, ended by opt_endofopt).
 */

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const SHB_USERAPPL = 4; // "shb_userappl": the application that wrote the section
const IF_NAME = 2; // "if_name"
const IF_TSRESOL = 9; // "if_tsresol": 10^-value seconds per timestamp unit
/** if_tsresol value 6: timestamps count microseconds (also the default, written anyway). */
const TSRESOL_MICROSECONDS = 6;
/** LINKTYPE_ETHERNET (tcpdump.org link-layer header types): IEEE 802.3 Ethernet. */
export const LINKTYPE_ETHERNET = 1;

type Option = [code: number, value: Uint8Array];

const pad4 = (n: number) => (n + 3) & ~3;

function optionsBytes(options: Option[]): number {
  if (options.length === 0) return 0;
  return options.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4;
}

function writeOptions(view: DataView, bytes: Uint8Array, at: number, options: Option[]): number {
  if (options.length === 0) return at;
  for (const [code, value] of options) {
    view.setUint16(at, code, true);
    view.setUint16(at + 2, value.length, true);
    bytes.set(value, at + 4);
    at += 4 + pad4(value.length);
  }
  view.setUint32(at, OPT_ENDOFOPT, true); // code 0, length 0
  return at + 4;
}

/** A block: type, total length, body, options, total length again (section 3.1). */
function block(
  type: number,
  bodyBytes: number,
  options: Option[],
  fill: (view: DataView, bytes: Uint8Array, at: number) => void,
): Uint8Array {
  const total = 12 + pad4(bodyBytes) + optionsBytes(options);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  fill(view, bytes, 8);
  writeOptions(view, bytes, 8 + pad4(bodyBytes), options);
  view.setUint32(total - 4, total, true);
  return bytes;
}

const text = (s: string) => new TextEncoder().encode(s);

/** Section Header Block, version 1.0, section length unknown (-1). */
export function sectionHeaderBlock(application?: string): Uint8Array {
  const options: Option[] = application ? [[SHB_USERAPPL, text(application)]] : [];
  return block(BLOCK_SHB, 16, options, (view, _bytes, at) => {
    view.setUint32(at, BYTE_ORDER_MAGIC, true);
    view.setUint16(at + 4, 1, true); // major version
    view.setUint16(at + 6, 0, true); // minor version
    view.setBigInt64(at + 8, -1n, true); // section length: not specified
  });
}

/** Interface Description Block: Ethernet, no snap limit, microsecond timestamps. */
export function interfaceDescriptionBlock(name?: string): Uint8Array {
  const options: Option[] = [[IF_TSRESOL, new Uint8Array([TSRESOL_MICROSECONDS])]];
  if (name) options.unshift([IF_NAME, text(name)]);
  return block(BLOCK_IDB, 8, options, (view, _bytes, at) => {
    view.setUint16(at, LINKTYPE_ETHERNET, true);
    view.setUint16(at + 2, 0, true); // reserved
    view.setUint32(at + 4, 0, true); // SnapLen 0: no limit
  });
}

/** Enhanced Packet Block on interface 0; `atUs` is split into the high and low 32 bits. */
export function enhancedPacketBlock(atUs: number, frame: Uint8Array, interfaceId = 0): Uint8Array {
  if (!Number.isSafeInteger(atUs) || atUs < 0) {
    throw new RangeError(`Cannot write a packet at ${atUs} us: timestamps are integers >= 0`);
  }
  return block(BLOCK_EPB, 20 + frame.length, [], (view, bytes, at) => {
    view.setUint32(at, interfaceId, true);
    view.setUint32(at + 4, Math.floor(atUs / 2 ** 32), true); // timestamp (upper)
    view.setUint32(at + 8, atUs >>> 0, true); // timestamp (lower)
    view.setUint32(at + 12, frame.length, true); // captured packet length
    view.setUint32(at + 16, frame.length, true); // original packet length
    bytes.set(frame, at + 20);
  });
}
