/**
 * Username/password check against the config's users. Anonymous access (no
 * username) is allowed unless the config forbids it.
 */
import type { Transport } from "../link.ts";
import { verifyPassword } from "./password.ts";

export interface UserConfig {
  username: string;
  /** From `deno task passwd`. */
  passwordHash: string;
}

export interface AuthConfig {
  /** Default true: a classroom broker lets anyone in. */
  allowAnonymous?: boolean;
  users?: UserConfig[];
  /**
   * Transports on which clients without a username are let in even when allowAnonymous is
   * false: ["virtual"] keeps the world's own boards working while real clients must log in
   * (classroom seats).
   */
  anonymousTransports?: Transport[];
}

export type AuthResult = "ok" | "bad-credentials" | "not-authorized";

export class Authenticator {
  readonly #allowAnonymous: boolean;
  readonly #users: Map<string, string>;
  readonly #anonymousTransports: ReadonlySet<Transport>;

  constructor(config: AuthConfig = {}) {
    this.#allowAnonymous = config.allowAnonymous ?? true;
    this.#anonymousTransports = new Set(config.anonymousTransports ?? []);
    this.#users = new Map((config.users ?? []).map((u) => [u.username, u.passwordHash]));
  }

  /**
   * Whether a CONNECT with these credentials needs the (asynchronous) hash
   * check. When it does not, `decideWithoutHash` gives the answer at once, so
   * connections in the virtual world stay deterministic.
   */
  needsHash(username: string | undefined): boolean {
    return username !== undefined && this.#users.has(username);
  }

  decideWithoutHash(username: string | undefined, transport?: Transport): AuthResult {
    if (username === undefined) {
      const allowed = this.#allowAnonymous ||
        (transport !== undefined && this.#anonymousTransports.has(transport));
      return allowed ? "ok" : "not-authorized";
    }
    // A username not in the list: accepted as anonymous when that is allowed
    // and no users are configured at all (the classroom default), refused otherwise.
    if (this.#users.size === 0 && this.#allowAnonymous) return "ok";
    return "bad-credentials";
  }

  async check(username: string, password: Uint8Array | undefined): Promise<AuthResult> {
    const stored = this.#users.get(username);
    if (stored === undefined) return this.decideWithoutHash(username);
    if (password === undefined) return "bad-credentials";
    return await verifyPassword(password, stored) ? "ok" : "bad-credentials";
  }
}
