/**
 * Subscriptions in a trie, one level per node, so matching a topic costs the
 * number of its levels times the wildcards met, not the number of subscriptions.
 */
import {
  LEVEL_SEPARATOR,
  MULTI_LEVEL_WILDCARD,
  SERVER_TOPIC_PREFIX,
  SINGLE_LEVEL_WILDCARD,
  topicMatches,
} from "./topic.ts";

/** One subscriber found for a topic. */
export interface Match<V> {
  clientId: string;
  value: V;
}

/** A shared subscription group ($share/group/filter) with its members. */
export interface SharedMatch<V> {
  /** "group/filter": the group's identity (one group per name and filter). */
  key: string;
  members: Match<V>[];
}

export interface MatchResult<V> {
  direct: Match<V>[];
  shared: SharedMatch<V>[];
}

/** The contract both the trie and the naive reference matcher fulfil. */
export interface TopicMatcher<V> {
  /** Adds or replaces; true when it was new. */
  add(filter: string, clientId: string, value: V, group?: string): boolean;
  /** True when something was removed. */
  remove(filter: string, clientId: string, group?: string): boolean;
  match(topic: string): MatchResult<V>;
  readonly size: number;
}

class Node<V> {
  readonly children = new Map<string, Node<V>>();
  direct: Map<string, V> | undefined;
  shared: Map<string, Map<string, V>> | undefined;
  constructor(
    readonly filter: string,
    readonly parent: Node<V> | undefined,
    readonly level: string,
  ) {}
  isEmpty(): boolean {
    return this.children.size === 0 && !this.direct?.size && !this.shared?.size;
  }
}

export class TopicTree<V> implements TopicMatcher<V> {
  #root = new Node<V>("", undefined, "");
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(filter: string, clientId: string, value: V, group?: string): boolean {
    let node = this.#root;
    for (const level of filter.split(LEVEL_SEPARATOR)) {
      let child = node.children.get(level);
      if (!child) {
        const path = node === this.#root ? level : node.filter + LEVEL_SEPARATOR + level;
        child = new Node(path, node, level);
        node.children.set(level, child);
      }
      node = child;
    }
    let bucket: Map<string, V>;
    if (group === undefined) {
      bucket = node.direct ??= new Map();
    } else {
      node.shared ??= new Map();
      bucket = node.shared.get(group) ?? new Map();
      node.shared.set(group, bucket);
    }
    const isNew = !bucket.has(clientId);
    bucket.set(clientId, value);
    if (isNew) this.#size++;
    return isNew;
  }

  remove(filter: string, clientId: string, group?: string): boolean {
    let node: Node<V> | undefined = this.#root;
    for (const level of filter.split(LEVEL_SEPARATOR)) {
      node = node.children.get(level);
      if (!node) return false;
    }
    let removed = false;
    if (group === undefined) {
      removed = node.direct?.delete(clientId) ?? false;
    } else {
      const bucket = node.shared?.get(group);
      removed = bucket?.delete(clientId) ?? false;
      if (bucket && bucket.size === 0) node.shared!.delete(group);
    }
    if (removed) this.#size--;
    // Prune empty branches so a churn of unique topics does not leak nodes.
    while (node.parent && node.isEmpty()) {
      node.parent.children.delete(node.level);
      node = node.parent;
    }
    return removed;
  }

  match(topic: string): MatchResult<V> {
    const result: MatchResult<V> = { direct: [], shared: [] };
    const levels = topic.split(LEVEL_SEPARATOR);
    const isServerTopic = topic.startsWith(SERVER_TOPIC_PREFIX);
    this.#walk(this.#root, levels, 0, isServerTopic, result);
    return result;
  }

  #walk(
    node: Node<V>,
    levels: string[],
    depth: number,
    isServerTopic: boolean,
    out: MatchResult<V>,
  ): void {
    // [MQTT-4.7.2-1] wildcards at the first level do not match $-topics
    const wildcardsAllowed = !(depth === 0 && isServerTopic);
    if (wildcardsAllowed) {
      // "#" matches this level and everything below, including the parent itself
      const hash = node.children.get(MULTI_LEVEL_WILDCARD);
      if (hash) collect(hash, out);
    }
    if (depth === levels.length) {
      collect(node, out);
      return;
    }
    const exact = node.children.get(levels[depth]);
    if (exact) this.#walk(exact, levels, depth + 1, isServerTopic, out);
    if (wildcardsAllowed) {
      const plus = node.children.get(SINGLE_LEVEL_WILDCARD);
      if (plus) this.#walk(plus, levels, depth + 1, isServerTopic, out);
    }
  }
}

function collect<V>(node: Node<V>, out: MatchResult<V>): void {
  if (node.direct) {
    for (const [clientId, value] of node.direct) out.direct.push({ clientId, value });
  }
  if (node.shared) {
    for (const [group, bucket] of node.shared) {
      const members: Match<V>[] = [];
      for (const [clientId, value] of bucket) members.push({ clientId, value });
      out.shared.push({ key: group + LEVEL_SEPARATOR + node.filter, members });
    }
  }
}

/** The reference: a flat list checked filter by filter with `topicMatches`. */
export class NaiveMatcher<V> implements TopicMatcher<V> {
  #entries: { filter: string; clientId: string; group?: string; value: V }[] = [];

  get size(): number {
    return this.#entries.length;
  }

  add(filter: string, clientId: string, value: V, group?: string): boolean {
    const found = this.#entries.find((e) =>
      e.filter === filter && e.clientId === clientId && e.group === group
    );
    if (found) {
      found.value = value;
      return false;
    }
    this.#entries.push({ filter, clientId, group, value });
    return true;
  }

  remove(filter: string, clientId: string, group?: string): boolean {
    const i = this.#entries.findIndex((e) =>
      e.filter === filter && e.clientId === clientId && e.group === group
    );
    if (i < 0) return false;
    this.#entries.splice(i, 1);
    return true;
  }

  match(topic: string): MatchResult<V> {
    const result: MatchResult<V> = { direct: [], shared: [] };
    const groups = new Map<string, Match<V>[]>();
    for (const e of this.#entries) {
      if (!topicMatches(e.filter, topic)) continue;
      if (e.group === undefined) {
        result.direct.push({ clientId: e.clientId, value: e.value });
      } else {
        const key = e.group + LEVEL_SEPARATOR + e.filter;
        const members = groups.get(key) ?? [];
        members.push({ clientId: e.clientId, value: e.value });
        groups.set(key, members);
      }
    }
    for (const [key, members] of groups) result.shared.push({ key, members });
    return result;
  }
}
