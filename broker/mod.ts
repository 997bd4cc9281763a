/**
 * broker/: the MQTT 3.1 / 3.1.1 / 5.0 broker. Attach any byte duplex
 * (`broker.attach(link)`); TCP and WebSocket adapters are here too.
 */
export { Broker } from "./broker.ts";
export type { BrokerOptions, BrokerSnapshot, ClientSnapshot } from "./broker.ts";
export { BROKER_STATE_VERSION } from "./state.ts";
export type { BrokerState, StoredDelivery, StoredMessage, StoredSession } from "./state.ts";
export type { AttachedLink, Link, LinkAcceptor, Transport } from "./link.ts";
export { DEFAULT_TAP_BYTES, DEFAULT_TAP_CAPACITY, dissectEvent, Tap } from "./tap.ts";
export type { PacketEvent, PacketListener } from "./tap.ts";
export type { BrokerEvent, BrokerEventListener } from "./events.ts";
export type { Timebase, TimerHandle } from "./timebase.ts";
export { DEFAULT_LIMITS, loadConfig, parseConfig } from "./config.ts";
export type { BrokerConfig, Limits } from "./config.ts";
export type { AclConfig, AclRule, AuthConfig, UserConfig } from "./auth/mod.ts";
export { hashPassword } from "./auth/mod.ts";
export { DEFAULT_MQTT_HOST, DEFAULT_MQTT_PORT, serveTcp } from "./transport_tcp.ts";
export type { TcpServer, TcpServerOptions } from "./transport_tcp.ts";
export { adaptWebSocket, MQTT_SUBPROTOCOLS, upgradeMqttWebSocket } from "./transport_ws.ts";
