/**
 * Topic names and topic filters: validation, shared-subscription parsing and
 * the naive one-filter matcher that the topic tree is tested against.
 */

export const LEVEL_SEPARATOR = "/";
export const SINGLE_LEVEL_WILDCARD = "+";
export const MULTI_LEVEL_WILDCARD = "#";
export const SHARE_PREFIX = "$share/";
/** Topics starting with "$" are the server's own (e.g. $SYS). */
export const SERVER_TOPIC_PREFIX = "$";
export const MAX_TOPIC_BYTES = 65_535;

/** A topic name for PUBLISH: non-empty, no wildcards [MQTT-3.3.2-2], [MQTT-4.7.1-1]. */
export function isValidTopicName(topic: string): boolean {
  if (topic.length === 0) return false; // [MQTT-4.7.3-1]
  if (topic.includes("\u0000")) return false; // [MQTT-4.7.3-2]
  return !topic.includes(SINGLE_LEVEL_WILDCARD) && !topic.includes(MULTI_LEVEL_WILDCARD);
}

/**
 * A topic filter for SUBSCRIBE: "#" only last and alone on its level
 * [MQTT-4.7.1-2], "+" alone on its level [MQTT-4.7.1-3].
 */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0 || filter.includes("\u0000")) return false; // [MQTT-4.7.3-1]
  const levels = filter.split(LEVEL_SEPARATOR);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i];
    if (level.includes(MULTI_LEVEL_WILDCARD)) {
      if (level !== MULTI_LEVEL_WILDCARD || i !== levels.length - 1) return false;
    } else if (level.includes(SINGLE_LEVEL_WILDCARD) && level !== SINGLE_LEVEL_WILDCARD) {
      return false;
    }
  }
  return true;
}

export interface SharedFilter {
  group: string;
  filter: string;
}

/**
 * Splits "$share/group/filter" (MQTT 5.0 4.8.2). Returns undefined for a plain
 * filter and null for a malformed shared one.
 */
export function parseSharedFilter(filter: string): SharedFilter | null | undefined {
  if (!filter.startsWith(SHARE_PREFIX)) return undefined;
  const rest = filter.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf(LEVEL_SEPARATOR);
  if (slash <= 0) return null; // [MQTT-4.8.2-1] ShareName at least one character
  const group = rest.slice(0, slash);
  if (group.includes(SINGLE_LEVEL_WILDCARD) || group.includes(MULTI_LEVEL_WILDCARD)) {
    return null; // [MQTT-4.8.2-2]
  }
  const inner = rest.slice(slash + 1);
  if (!isValidTopicFilter(inner)) return null;
  return { group, filter: inner };
}

/**
 * Does `filter` match `topic`? The straightforward definition, level by level;
 * the topic tree must agree with it on every input.
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split(LEVEL_SEPARATOR);
  const t = topic.split(LEVEL_SEPARATOR);
  // [MQTT-4.7.2-1] a filter starting with a wildcard does not match $-topics
  if (
    topic.startsWith(SERVER_TOPIC_PREFIX) &&
    (f[0] === SINGLE_LEVEL_WILDCARD || f[0] === MULTI_LEVEL_WILDCARD)
  ) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === MULTI_LEVEL_WILDCARD) return true; // also matches the parent level
    if (i >= t.length) return false;
    if (f[i] !== SINGLE_LEVEL_WILDCARD && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * Is every topic matched by `inner` also matched by `outer`? Used by the ACL to
 * decide whether a rule's filter covers a requested subscription.
 */
export function filterCovers(outer: string, inner: string): boolean {
  const o = outer.split(LEVEL_SEPARATOR);
  const n = inner.split(LEVEL_SEPARATOR);
  for (let i = 0; i < o.length; i++) {
    if (o[i] === MULTI_LEVEL_WILDCARD) {
      // "#" at the top does not cover $-topics; an inner filter starting "$" is one
      return !(i === 0 && n[0].startsWith(SERVER_TOPIC_PREFIX));
    }
    if (i >= n.length) return false;
    if (n[i] === MULTI_LEVEL_WILDCARD) return false;
    if (o[i] === SINGLE_LEVEL_WILDCARD) {
      if (i === 0 && n[0].startsWith(SERVER_TOPIC_PREFIX)) return false;
      continue;
    }
    if (o[i] !== n[i]) return false;
  }
  return o.length === n.length;
}
