/** sim/network: WiFi, DNS and reliable streams on the virtual clock. */
export {
  type Acceptor,
  ANY,
  type ConnectFailure,
  type ConnectResult,
  DEFAULT_LATENCY_US,
  isIpv4,
  type NetworkConfig,
  VirtualNetwork,
} from "./network.ts";
export {
  type CloseReason,
  pipe,
  StreamEnd,
  type StreamHandlers,
  type StreamPath,
} from "./stream.ts";
export {
  type AccessPoint,
  type AccessPointConfig,
  DEFAULT_WIFI_TIMING,
  type JoinOutcome,
  type Lease,
  type LinkLossReason,
  Station,
  type StationState,
  type WifiTiming,
} from "./wifi.ts";
