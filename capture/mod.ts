/**
 * capture/: packet logs as pcapng files for Wireshark and tshark (issue 9, "Captures").
 * Map the tap's PacketEvents or the world's WorldPackets to CaptureRecords, then write.
 */
export { BoardAddressBook, CAPTURE_BROKER_IP, derivedIpv4, MQTT_PORT } from "./addresses.ts";
export {
  type CaptureRecord,
  recordFromPacketEvent,
  recordsFromWorldPackets,
  type TapRecordOptions,
  WorldRecordMapper,
  type WorldRecordOptions,
} from "./record.ts";
export { ETHERNET_MSS_BYTES } from "./tcp_flows.ts";
export {
  CAPTURE_APPLICATION,
  coalesce,
  type PcapngOptions,
  PcapngWriter,
  writePcapng,
} from "./pcapng.ts";
