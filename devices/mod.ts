/**
 * devices/: the virtual world's boards and the World that runs them. The public face for
 * main.ts, web/, tools/, lessons and tests.
 */
export * from "./esp32/mod.ts";
export * from "./programs/mod.ts";
export {
  BROKER_IP,
  type BrokerGateway,
  DEFAULT_SEED,
  type ProgramResolver,
  resolveBuiltin,
  World,
  type WorldOptions,
} from "./world.ts";
export type { WorldEvent, WorldPacket } from "./world_events.ts";
export {
  type BoardSpec,
  checkScenario,
  type NetworkSpec,
  type Scenario,
  type ScenarioEvent,
  TEXTBOOK_ACCESS_POINT,
} from "./scenario.ts";
export * from "./scenarios.ts";
export {
  type ConsoleRecord,
  consoleRecord,
  eventRecord,
  formatRecord,
  jsonRecord,
  type LogRecord,
  type PacketRecord,
  packetRecord,
  type ScenarioRecord,
  scenarioRecord,
} from "./packet_log.ts";
export { type ExternalBroker, parseBrokerUrl, tcpBrokerGateway } from "./external_broker.ts";
