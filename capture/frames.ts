/**
 * Synthetic Ethernet II / IPv4 / TCP frames around a payload, with correct IPv4 and TCP
 * checksums. Layouts: IEEE 802.3 Ethernet II (no FCS, as captures show it), RFC 791
 * section 3.1 "Internet Header Format", RFC 793 section 3.1 "Header Format".
 */
import { fold, sumWords } from "./checksum.ts";

const ETHERNET_HEADER_BYTES = 14;
const ETHERTYPE_IPV4 = 0x0800;
const IPV4_HEADER_BYTES = 20; // IHL 5: no options
const IPV4_VERSION_IHL = 0x45; // version 4, IHL 5 words
const IPV4_FLAG_DONT_FRAGMENT = 0x4000; // RFC 791: flags bit 1 "DF"
const IPV4_TTL = 64;
const IP_PROTOCOL_TCP = 6;
const TCP_HEADER_BYTES = 20; // data offset 5: no options
const TCP_OPTION_MSS = 2; // RFC 793 "Maximum Segment Size" option kind
const TCP_OPTION_MSS_BYTES = 4;
const TCP_WINDOW = 65535;

/** TCP control bits (RFC 793 section 3.1, "Control Bits"). */
export const TcpFlag = {
  FIN: 0x01, // No more data from sender
  SYN: 0x02, // Synchronize sequence numbers
  RST: 0x04, // Reset the connection
  PSH: 0x08, // Push Function
  ACK: 0x10, // Acknowledgment field significant
} as const;

export interface Endpoint {
  mac: Uint8Array;
  ip: Uint8Array;
  port: number;
}

export interface TcpSegment {
  src: Endpoint;
  dst: Endpoint;
  /** Sequence and acknowledgment numbers, unsigned 32-bit. */
  seq: number;
  ack: number;
  flags: number;
  /** IPv4 identification field of the sender. */
  ipId: number;
  /** Announce this MSS (SYN and SYN-ACK only). */
  mssBytes?: number;
  payload?: Uint8Array;
}

/** One Ethernet frame carrying the segment; both checksums filled in. */
export function tcpFrame(s: TcpSegment): Uint8Array {
  const payload = s.payload ?? new Uint8Array(0);
  const tcpHeaderBytes = TCP_HEADER_BYTES + (s.mssBytes !== undefined ? TCP_OPTION_MSS_BYTES : 0);
  const ipTotal = IPV4_HEADER_BYTES + tcpHeaderBytes + payload.length;
  if (ipTotal > 0xffff) {
    throw new RangeError(`Cannot frame a TCP segment of ${payload.length} bytes: IPv4 holds 65535`);
  }
  const frame = new Uint8Array(ETHERNET_HEADER_BYTES + ipTotal);
  const view = new DataView(frame.buffer);

  // Ethernet II: destination, source, EtherType.
  frame.set(s.dst.mac, 0);
  frame.set(s.src.mac, 6);
  view.setUint16(12, ETHERTYPE_IPV4);

  // IPv4 header (RFC 791 section 3.1).
  const ip = ETHERNET_HEADER_BYTES;
  frame[ip] = IPV4_VERSION_IHL;
  frame[ip + 1] = 0; // type of service
  view.setUint16(ip + 2, ipTotal); // total length
  view.setUint16(ip + 4, s.ipId & 0xffff); // identification
  view.setUint16(ip + 6, IPV4_FLAG_DONT_FRAGMENT); // flags + fragment offset 0
  frame[ip + 8] = IPV4_TTL;
  frame[ip + 9] = IP_PROTOCOL_TCP;
  frame.set(s.src.ip, ip + 12);
  frame.set(s.dst.ip, ip + 16);
  view.setUint16(ip + 10, ~fold(sumWords(frame, ip, ip + IPV4_HEADER_BYTES)) & 0xffff);

  // TCP header (RFC 793 section 3.1).
  const tcp = ip + IPV4_HEADER_BYTES;
  view.setUint16(tcp, s.src.port);
  view.setUint16(tcp + 2, s.dst.port);
  view.setUint32(tcp + 4, s.seq >>> 0);
  view.setUint32(tcp + 8, s.ack >>> 0);
  frame[tcp + 12] = (tcpHeaderBytes / 4) << 4; // data offset in 32-bit words
  frame[tcp + 13] = s.flags;
  view.setUint16(tcp + 14, TCP_WINDOW);
  // tcp + 16: checksum, below; tcp + 18: urgent pointer 0.
  if (s.mssBytes !== undefined) {
    frame[tcp + 20] = TCP_OPTION_MSS;
    frame[tcp + 21] = TCP_OPTION_MSS_BYTES;
    view.setUint16(tcp + 22, s.mssBytes);
  }
  frame.set(payload, tcp + tcpHeaderBytes);

  // TCP checksum over the pseudo-header (source, destination, zero, protocol, TCP length)
  // and the whole segment (RFC 793 section 3.1, "Checksum").
  const tcpLength = tcpHeaderBytes + payload.length;
  let sum = sumWords(frame, ip + 12, ip + 20); // source and destination addresses
  sum += IP_PROTOCOL_TCP + tcpLength;
  sum = sumWords(frame, tcp, tcp + tcpLength, sum);
  view.setUint16(tcp + 16, ~fold(sum) & 0xffff);
  return frame;
}
