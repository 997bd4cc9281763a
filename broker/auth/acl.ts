/**
 * Topic ACL as in EMQX's acl.conf: rules checked in order, first match wins,
 * a configurable default when none matches.
 *
 * A rule applies to a PUBLISH when its filter matches the topic; to a SUBSCRIBE
 * when its filter covers every topic the requested filter can match. Deliveries
 * are checked again per topic ("read"), so a deny under a broad subscription
 * ("#") still holds.
 */
import { filterCovers, topicMatches } from "../topic.ts";

export type AclAction = "publish" | "subscribe";
export type AclPermission = "allow" | "deny";

export interface AclRule {
  permission: AclPermission;
  /** Applies to this user only; absent with clientId absent = everyone. */
  username?: string;
  /** Applies to this client id only. */
  clientId?: string;
  /** Applies only to clients without a username (with anonymousTransports: the boards). */
  anonymous?: boolean;
  action: AclAction | "all";
  /** Topic filters; "%u" is the username, "%c" the client id. */
  topics: string[];
}

export interface AclConfig {
  /** When no rule matches (default "allow", the classroom default). */
  default?: AclPermission;
  rules?: AclRule[];
}

export interface AclWho {
  clientId: string;
  username?: string;
}

export interface AclDecision {
  allowed: boolean;
  /** The rule that decided ("rule 2: deny all subscribe $SYS/#") or "default". */
  rule: string;
}

const PLACEHOLDER_USER = "%u";
const PLACEHOLDER_CLIENT = "%c";
const WILDCARD_OR_SEPARATOR = /[+#/]/;

export class Acl {
  readonly #default: AclPermission;
  readonly #rules: AclRule[];
  readonly #defaultDecision: AclDecision;

  constructor(config: AclConfig = {}) {
    this.#default = config.default ?? "allow";
    this.#rules = config.rules ?? [];
    this.#defaultDecision = { allowed: this.#default === "allow", rule: "default" };
  }

  /** True when every check is "allow" (no rules, default allow): the hot path skips checks. */
  get allowsEverything(): boolean {
    return this.#rules.length === 0 && this.#default === "allow";
  }

  /** PUBLISH to a topic name, or delivery ("read") of a topic when action is "subscribe" and isTopic. */
  checkTopic(who: AclWho, action: AclAction, topic: string): AclDecision {
    return this.#check(who, action, (filter) => topicMatches(filter, topic));
  }

  /** SUBSCRIBE to a filter. */
  checkFilter(who: AclWho, filter: string): AclDecision {
    return this.#check(who, "subscribe", (rule) => filterCovers(rule, filter));
  }

  #check(who: AclWho, action: AclAction, test: (filter: string) => boolean): AclDecision {
    for (let i = 0; i < this.#rules.length; i++) {
      const rule = this.#rules[i];
      if (rule.action !== "all" && rule.action !== action) continue;
      if (rule.username !== undefined && rule.username !== who.username) continue;
      if (rule.clientId !== undefined && rule.clientId !== who.clientId) continue;
      if (rule.anonymous && who.username !== undefined) continue;
      for (const pattern of rule.topics) {
        const filter = expand(pattern, who);
        if (filter !== undefined && test(filter)) {
          return { allowed: rule.permission === "allow", rule: describe(i, rule) };
        }
      }
    }
    return this.#defaultDecision;
  }
}

/** Expands %u and %c; undefined when a placeholder cannot be filled safely. */
function expand(pattern: string, who: AclWho): string | undefined {
  if (!pattern.includes("%")) return pattern;
  let out = pattern;
  if (out.includes(PLACEHOLDER_USER)) {
    // A name with wildcards or "/" would widen the rule: never let it.
    if (who.username === undefined || WILDCARD_OR_SEPARATOR.test(who.username)) return undefined;
    out = out.replaceAll(PLACEHOLDER_USER, who.username);
  }
  if (out.includes(PLACEHOLDER_CLIENT)) {
    if (WILDCARD_OR_SEPARATOR.test(who.clientId)) return undefined;
    out = out.replaceAll(PLACEHOLDER_CLIENT, who.clientId);
  }
  return out;
}

function describe(index: number, rule: AclRule): string {
  const who = rule.username !== undefined
    ? `user ${rule.username}`
    : rule.clientId !== undefined
    ? `client ${rule.clientId}`
    : "all";
  return `rule ${index + 1}: ${rule.permission} ${who} ${rule.action} ${rule.topics.join(" ")}`;
}
