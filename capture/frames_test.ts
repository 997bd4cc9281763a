import assert from "node:assert/strict";
import { internetChecksum } from "./checksum.ts";
import { TcpFlag, tcpFrame } from "./frames.ts";

const client = {
  mac: new Uint8Array([2, 0, 192, 168, 1, 100]),
  ip: new Uint8Array([192, 168, 1, 100]),
  port: 49152,
};
const broker = {
  mac: new Uint8Array([2, 0, 47, 100, 1, 1]),
  ip: new Uint8Array([47, 100, 1, 1]),
  port: 1883,
};

/** Sum over pseudo-header + segment must verify to 0 (RFC 1071 section 1, "verify"). */
function tcpChecksumVerifies(frame: Uint8Array): boolean {
  const ipLen = (frame[16] << 8) | frame[17];
  const tcpLen = ipLen - 20;
  const pseudo = new Uint8Array(12 + tcpLen);
  pseudo.set(frame.subarray(26, 34), 0); // source + destination
  pseudo[9] = 6;
  pseudo[10] = tcpLen >> 8;
  pseudo[11] = tcpLen & 0xff;
  pseudo.set(frame.subarray(34, 34 + tcpLen), 12);
  return internetChecksum(pseudo) === 0;
}

Deno.test("tcpFrame() lays out Ethernet, IPv4 and TCP headers with valid checksums", () => {
  const payload = new TextEncoder().encode("\x30\x05\x00\x01t\x68\x69");
  const frame = tcpFrame({
    src: client,
    dst: broker,
    seq: 1000,
    ack: 2000,
    flags: TcpFlag.ACK | TcpFlag.PSH,
    ipId: 7,
    payload,
  });
  assert.equal(frame.length, 14 + 20 + 20 + payload.length);
  assert.deepEqual([...frame.subarray(0, 6)], [...broker.mac]);
  assert.deepEqual([...frame.subarray(12, 14)], [0x08, 0x00]);
  assert.equal(frame[14], 0x45);
  assert.equal((frame[16] << 8) | frame[17], 40 + payload.length);
  assert.equal(frame[23], 6);
  assert.equal(internetChecksum(frame, 14, 34), 0, "IPv4 header checksum verifies");
  assert.equal((frame[34] << 8) | frame[35], 49152);
  assert.equal((frame[36] << 8) | frame[37], 1883);
  assert.equal(new DataView(frame.buffer).getUint32(38), 1000);
  assert.equal(new DataView(frame.buffer).getUint32(42), 2000);
  assert.equal(frame[46] >> 4, 5);
  assert.equal(frame[47], 0x18);
  assert.ok(tcpChecksumVerifies(frame));
  assert.deepEqual(frame.subarray(54), payload);
});

Deno.test("tcpFrame() puts the MSS option on a SYN (data offset 6)", () => {
  const frame = tcpFrame({
    src: client,
    dst: broker,
    seq: 0xffff_fff0,
    ack: 0,
    flags: TcpFlag.SYN,
    ipId: 0,
    mssBytes: 1460,
  });
  assert.equal(frame.length, 14 + 20 + 24);
  assert.equal(frame[46] >> 4, 6);
  assert.deepEqual([...frame.subarray(54, 58)], [2, 4, 0x05, 0xb4]);
  assert.equal(new DataView(frame.buffer).getUint32(38), 0xffff_fff0);
  assert.ok(tcpChecksumVerifies(frame));
});

Deno.test("tcpFrame() pads an odd-length payload only in the checksum", () => {
  const payload = new Uint8Array([0xc0]);
  const frame = tcpFrame({
    src: client,
    dst: broker,
    seq: 1,
    ack: 1,
    flags: 0x18,
    ipId: 1,
    payload,
  });
  assert.equal(frame.length, 55);
  assert.ok(tcpChecksumVerifies(frame));
});
