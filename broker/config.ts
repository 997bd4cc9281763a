/**
 * The broker's JSON config (`--config FILE`), documented in broker/README.md.
 * Every field is optional; the defaults make an open classroom broker.
 */
import type { AclConfig, AuthConfig } from "./auth/mod.ts";

export interface Limits {
  /** Largest packet accepted or sent, bytes (refused before its body is buffered). */
  maxPacketSize: number;
  /** Connections at once; more are refused at CONNECT (v3 code 3, v5 0x97). */
  maxConnections: number;
  /** Unacknowledged QoS 1/2 messages to one client (also v5 Receive Maximum from us). */
  maxInflight: number;
  /** Messages queued per session while offline or while the window is full. */
  maxQueuedMessages: number;
  /** Topic aliases a v5 client may use towards the broker (0 = none). */
  topicAliasMaximum: number;
  /** A socket that sends no CONNECT within this is closed. */
  connectTimeoutS: number;
  /** v5: keep-alives above this (or 0) are replaced by Server Keep Alive. 0 = no limit. */
  maxKeepaliveS: number;
  /** Bytes waiting on a link beyond which QoS 0 messages to it are dropped. */
  maxBufferedBytes: number;
  /** Retained messages kept at most. */
  maxRetained: number;
  /** Payload bytes of retained messages kept at most. */
  maxRetainedBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxPacketSize: 1_048_576,
  maxConnections: 100_000,
  maxInflight: 20, // Mosquitto's max_inflight_messages
  maxQueuedMessages: 1000, // Mosquitto's max_queued_messages
  topicAliasMaximum: 10,
  connectTimeoutS: 10,
  maxKeepaliveS: 0,
  maxBufferedBytes: 4_194_304,
  maxRetained: 100_000,
  maxRetainedBytes: 64 * 1024 * 1024,
};

export interface BrokerConfig extends AuthConfig {
  acl?: AclConfig;
  limits?: Partial<Limits>;
  /** Seconds between $SYS updates (Mosquitto's sys_interval); 0 = off. */
  sysIntervalS?: number;
}

export const DEFAULT_SYS_INTERVAL_S = 10;

const TOP_LEVEL_KEYS = new Set([
  "allowAnonymous",
  "anonymousTransports",
  "users",
  "acl",
  "limits",
  "sysIntervalS",
]);

/** Checks a parsed JSON value; throws an Error naming the first bad field. */
export function parseConfig(value: unknown, source = "config"): BrokerConfig {
  const fail = (what: string): never => {
    throw new Error(`Cannot use broker ${source}: ${what}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("it must be a JSON object");
  }
  const c = value as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!TOP_LEVEL_KEYS.has(key)) fail(`unknown key '${key}' (see broker/README.md)`);
  }
  if (c.allowAnonymous !== undefined && typeof c.allowAnonymous !== "boolean") {
    fail("allowAnonymous must be true or false");
  }
  if (
    c.anonymousTransports !== undefined &&
    (!Array.isArray(c.anonymousTransports) ||
      c.anonymousTransports.some((t) => !["virtual", "tcp", "ws"].includes(t as string)))
  ) fail("anonymousTransports must be a list of 'virtual', 'tcp', 'ws'");
  if (c.users !== undefined) {
    if (!Array.isArray(c.users)) fail("users must be a list");
    for (const [i, u] of (c.users as unknown[]).entries()) {
      const user = u as Record<string, unknown>;
      if (typeof user?.username !== "string") fail(`users[${i}].username must be a string`);
      if (typeof user?.passwordHash !== "string" || !user.passwordHash.startsWith("$pbkdf2")) {
        fail(`users[${i}].passwordHash must come from 'deno task passwd'`);
      }
    }
  }
  if (c.acl !== undefined) {
    const acl = c.acl as Record<string, unknown>;
    if (acl.default !== undefined && acl.default !== "allow" && acl.default !== "deny") {
      fail("acl.default must be 'allow' or 'deny'");
    }
    for (const [i, r] of ((acl.rules ?? []) as unknown[]).entries()) {
      const rule = r as Record<string, unknown>;
      if (rule.permission !== "allow" && rule.permission !== "deny") {
        fail(`acl.rules[${i}].permission must be 'allow' or 'deny'`);
      }
      if (rule.anonymous !== undefined && typeof rule.anonymous !== "boolean") {
        fail(`acl.rules[${i}].anonymous must be true or false`);
      }
      if (!["publish", "subscribe", "all"].includes(rule.action as string)) {
        fail(`acl.rules[${i}].action must be 'publish', 'subscribe' or 'all'`);
      }
      if (!Array.isArray(rule.topics) || rule.topics.some((t) => typeof t !== "string")) {
        fail(`acl.rules[${i}].topics must be a list of topic filters`);
      }
    }
  }
  if (c.limits !== undefined) {
    for (const [key, v] of Object.entries(c.limits as Record<string, unknown>)) {
      if (!(key in DEFAULT_LIMITS)) fail(`unknown limit '${key}'`);
      if (!Number.isSafeInteger(v) || (v as number) < 0) {
        fail(`limits.${key} must be an integer >= 0`);
      }
    }
  }
  if (
    c.sysIntervalS !== undefined &&
    (!Number.isSafeInteger(c.sysIntervalS) || (c.sysIntervalS as number) < 0)
  ) fail("sysIntervalS must be an integer >= 0");
  return c as BrokerConfig;
}

/** Reads and checks `--config FILE`. */
export async function loadConfig(path: string): Promise<BrokerConfig> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new Error(`Cannot read broker config ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot parse broker config ${path}: ${(e as Error).message}`);
  }
  return parseConfig(json, `config ${path}`);
}
