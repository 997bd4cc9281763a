/** web/: the host side — pacer, Hono server, `/events`, the Preact UI bundle. */
export { type HostOptions, PortInUseError, type RunningHost, startHost } from "./host.ts";
export { drivePacer, type PacedTarget, Pacer, type PacerState, type WallSource } from "./pacer.ts";
export { createApp } from "./server.ts";
