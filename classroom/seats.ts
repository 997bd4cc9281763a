/**
 * Seats for a class (issue 9, "Seats"): users seat01..seatNN with printed passwords, each
 * allowed its own topic tree `class/seatNN/#` plus the shared `class/public/#`, a teacher
 * allowed everything, anonymous clients refused, everything else denied.
 *
 *     const seats = await makeSeats(30);
 *     console.log(seats.table());
 *     const broker = new Broker({ clock, config: withSeats(baseConfig, seats) });
 */
import { type AclRule, type BrokerConfig, hashPassword, type UserConfig } from "../broker/mod.ts";
import { hostRandom, makePassword, type RandomBytes } from "./passwords.ts";

export const CLASS_ROOT = "class";
export const PUBLIC_TREE = `${CLASS_ROOT}/public/#`;
export const TEACHER = "teacher";
export const MAX_SEATS = 999;
/** Salt length for PBKDF2 (NIST SP 800-132 asks for at least 128 bits). */
const SALT_BYTES = 16;

export interface Credentials {
  username: string;
  password: string;
  /** `$pbkdf2-sha256$...`, as broker/auth's hashPassword makes it. */
  passwordHash: string;
}

export interface Seat extends Credentials {
  /** 1-based seat number. */
  seat: number;
  /** The seat's own tree, e.g. "class/seat07/#". */
  topic: string;
}

export interface Seats {
  seats: Seat[];
  teacher: Credentials;
  /** The broker config fragment: users, ACL, anonymous refused (see withSeats to merge). */
  config: BrokerConfig;
  /** A plain-text table for the teacher to print: seat, username, password, topic. */
  table(): string;
}

export interface SeatOptions {
  /** Random bytes for passwords and salts (default: the host's crypto). */
  random?: RandomBytes;
  /** PBKDF2 iterations (default broker/auth's 100,000; tests use fewer). */
  iterations?: number;
  /** The teacher's password (default: generated like the seats'). */
  teacherPassword?: string;
}

export function seatName(seat: number, count: number): string {
  return `seat${String(seat).padStart(Math.max(2, String(count).length), "0")}`;
}

/** The ACL for seats, checked in order, first match wins (broker/auth/acl.ts). */
export function seatRules(): AclRule[] {
  return [
    // The world's own boards (anonymous, let in on the virtual network only) keep their topics.
    { permission: "allow", anonymous: true, action: "all", topics: ["#"] },
    // The teacher sees and sends everything, $SYS included ("#" does not match "$" topics,
    // [MQTT-4.7.2-1]).
    { permission: "allow", username: TEACHER, action: "all", topics: ["#", "$SYS/#"] },
    // Every user their own tree: %u is the username (a name with + # / never fills it).
    { permission: "allow", action: "all", topics: [`${CLASS_ROOT}/%u/#`] },
    { permission: "allow", action: "all", topics: [PUBLIC_TREE] },
  ];
}

async function credentials(
  username: string,
  password: string,
  random: RandomBytes,
  iterations: number | undefined,
): Promise<Credentials> {
  const salt = random(new Uint8Array(SALT_BYTES));
  return { username, password, passwordHash: await hashPassword(password, salt, iterations) };
}

export async function makeSeats(count: number, options: SeatOptions = {}): Promise<Seats> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEATS) {
    throw new RangeError(`Cannot make ${count} seats: give a whole number from 1 to ${MAX_SEATS}`);
  }
  const random = options.random ?? hostRandom;
  // Passwords and salts are drawn in seat order first, so a seeded source gives one sheet.
  const drawn = Array.from({ length: count }, (_, i) => ({
    username: seatName(i + 1, count),
    password: makePassword(random),
    salt: random(new Uint8Array(SALT_BYTES)),
  }));
  const teacherPassword = options.teacherPassword ?? makePassword(random);
  const teacher = await credentials(TEACHER, teacherPassword, random, options.iterations);
  const seats: Seat[] = await Promise.all(drawn.map(async (d, i) => ({
    seat: i + 1,
    username: d.username,
    password: d.password,
    passwordHash: await hashPassword(d.password, d.salt, options.iterations),
    topic: `${CLASS_ROOT}/${d.username}/#`,
  })));
  const users: UserConfig[] = [teacher, ...seats].map((c) => ({
    username: c.username,
    passwordHash: c.passwordHash,
  }));
  const config: BrokerConfig = {
    allowAnonymous: false,
    anonymousTransports: ["virtual"],
    users,
    acl: { default: "deny", rules: seatRules() },
  };
  return { seats, teacher, config, table: () => seatTable(seats, teacher) };
}

/**
 * The seats merged into a broker config from `--config`: its users and rules are kept (its
 * rules first, so the teacher's own file wins), seat users replace same-named ones,
 * anonymous clients are refused and the default is deny.
 */
export function withSeats(base: BrokerConfig, seats: Seats): BrokerConfig {
  const seatUsers = seats.config.users ?? [];
  const names = new Set(seatUsers.map((u) => u.username));
  return {
    ...base,
    allowAnonymous: false,
    anonymousTransports: ["virtual"],
    users: [...(base.users ?? []).filter((u) => !names.has(u.username)), ...seatUsers],
    acl: { default: "deny", rules: [...(base.acl?.rules ?? []), ...seatRules()] },
  };
}

/** Columns padded to their widest cell; the teacher's row last, after a rule. */
export function seatTable(seats: Seat[], teacher?: Credentials): string {
  const header = ["seat", "username", "password", "topic"];
  const rows = seats.map((s) => [String(s.seat), s.username, s.password, s.topic]);
  if (teacher) rows.push(["", teacher.username, teacher.password, "# (everything)"]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c])).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const body = rows.map(line);
  if (teacher) body.splice(seats.length, 0, rule);
  return [line(header), rule, ...body, `shared by all seats: ${PUBLIC_TREE}`]
    .map((l) => l.trimEnd()).join("\n") + "\n";
}
