/** Filters over the packet list: by client, by packet type, by topic (wildcards allowed). */
import { t } from "../i18n.ts";
import { PACKET_TYPES } from "../palette.ts";
import type { PacketsModel } from "../packets_model.ts";

export function PacketFilters({ packets }: { packets: PacketsModel }) {
  const f = packets.filter.value;
  return (
    <div class="packet-filters" role="search" aria-label={t("filters")}>
      <label>
        {t("client")}
        <select
          value={f.client}
          data-testid="filter-client"
          onChange={(e) => packets.setFilter({ client: e.currentTarget.value })}
        >
          <option value="">{t("any")}</option>
          {packets.knownClients.value.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <label>
        {t("type")}
        <select
          value={f.type}
          data-testid="filter-type"
          onChange={(e) => packets.setFilter({ type: e.currentTarget.value })}
        >
          <option value="">{t("any")}</option>
          {PACKET_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
        </select>
      </label>
      <label>
        {t("topic")}
        <input
          type="search"
          value={f.topic}
          list="known-topics"
          placeholder="a/+/c, a/#"
          data-testid="filter-topic"
          onInput={(e) => packets.setFilter({ topic: e.currentTarget.value })}
        />
        <datalist id="known-topics">
          {packets.knownTopics.value.slice(0, 200).map((topic) => (
            <option key={topic} value={topic} />
          ))}
        </datalist>
      </label>
      <span class="count" aria-live="polite" data-testid="packet-count">
        {packets.version.value >= 0 && packets.viewLength()} / {packets.store.size}
      </span>
      <span class="downloads">
        {t("download")}:{" "}
        <a href="/api/capture.pcapng" download="mqtt-playground.pcapng" title="Wireshark">
          pcapng
        </a>{" "}
        · <a href="/api/packets?format=jsonl" download="packets.jsonl">JSONL</a>
      </span>
      <label class="follow">
        <input
          type="checkbox"
          checked={packets.follow.value}
          onChange={(e) => (packets.follow.value = e.currentTarget.checked)}
        />
        {t("followNewest")}
      </label>
    </div>
  );
}
