/** Counters behind $SYS/broker/... and the snapshot (Mosquitto's names in sys.ts). */
export class Metrics {
  /** All MQTT packets. */
  messagesReceived = 0;
  messagesSent = 0;
  /** PUBLISH only. */
  publishReceived = 0;
  publishSent = 0;
  publishDropped = 0;
  bytesReceived = 0;
  bytesSent = 0;
  connectionsTotal = 0;
  maxConnected = 0;
}
