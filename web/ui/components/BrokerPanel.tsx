/**
 * The broker, as EMQX's dashboard shows it: $SYS metrics with live sparklines, the
 * clients with their state, keep-alive and subscriptions, retained messages, stored
 * wills, queues, and the broker's events (ACL refusals with the rule that refused).
 */
import { t } from "../i18n.ts";
import type { WorldModel } from "../world_model.ts";
import { formatClock } from "./TimeControls.tsx";
import { Sparkline } from "./Sparkline.tsx";

/** The metrics a class watches; counters are charted as change per sample. */
const METRICS: { name: string; label: Parameters<typeof t>[0]; counter: boolean }[] = [
  { name: "clients/connected", label: "mClientsConnected", counter: false },
  { name: "subscriptions/count", label: "mSubscriptions", counter: false },
  { name: "messages/received", label: "mMessagesIn", counter: true },
  { name: "messages/sent", label: "mMessagesOut", counter: true },
  { name: "publish/messages/dropped", label: "mDropped", counter: true },
  { name: "bytes/received", label: "mBytesIn", counter: true },
  { name: "bytes/sent", label: "mBytesOut", counter: true },
  { name: "retained messages/count", label: "mRetained", counter: false },
];

function deltas(samples: number[]): number[] {
  return samples.slice(1).map((v, i) => Math.max(0, v - samples[i]));
}

export function BrokerPanel({ model }: { model: WorldModel }) {
  const broker = model.broker.value;
  if (!broker) return <p class="empty">{t("noBroker")}</p>;
  const history = model.metricHistory.value;
  const events = model.brokerEvents.value;
  return (
    <section class="broker-panel" aria-label={t("viewBroker")}>
      <div class="metrics" role="list" aria-label={t("metrics")}>
        {METRICS.map((m) => {
          const samples = history[m.name] ?? [];
          return (
            <div key={m.name} class="metric" role="listitem" data-metric={m.name}>
              <span class="metric-label">{t(m.label)}</span>
              <b class="metric-value">{broker.metrics[m.name] ?? "—"}</b>
              <Sparkline
                samples={m.counter ? deltas(samples) : samples}
                color={m.counter ? "#fb923c" : "#38bdf8"}
              />
              <small class="muted mono">$SYS/broker/{m.name}</small>
            </div>
          );
        })}
      </div>
      <p class="endpoints muted">
        {t("endpoints")}: <code>{broker.endpoints.tcp ?? "—"}</code> ·{" "}
        <code>{broker.endpoints.ws}</code>
      </p>
      <h3>{t("clients")} ({broker.clients.length})</h3>
      <table class="table" aria-label={t("clients")}>
        <thead>
          <tr>
            <th>{t("clientIdLabel")}</th>
            <th>{t("stateCol")}</th>
            <th>{t("transportCol")}</th>
            <th>{t("username")}</th>
            <th>MQTT</th>
            <th>{t("keepAlive")}</th>
            <th>{t("subscriptionsCol")}</th>
            <th>{t("inflightCol")}</th>
            <th>{t("queuedCol")}</th>
          </tr>
        </thead>
        <tbody>
          {broker.clients.map((c) => (
            <tr key={c.clientId} data-client={c.clientId}>
              <td class="mono">{c.clientId}</td>
              <td>
                <span class={`dot ${c.connected ? "connected" : "closed"}`}>
                  ● {c.connected ? t("state_connected") : t("state_closed")}
                </span>
              </td>
              <td class="mono">
                {c.transport ?? ""} {c.remoteAddress ?? ""}
              </td>
              <td>{c.username ?? ""}</td>
              <td>{c.level === 5 ? "5.0" : c.level === 4 ? "3.1.1" : "3.1"}</td>
              <td>{c.keepaliveS ?? ""}</td>
              <td class="mono">
                {c.subscriptions.map((s) => `${s.filter} (QoS ${s.qos})`).join(", ")}
              </td>
              <td>{c.inflight}</td>
              <td>{c.queued}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="broker-cols">
        <div>
          <h3>{t("retainedMessages")} ({broker.retained.length})</h3>
          <ul class="plain" role="list">
            {broker.retained.map((r) => (
              <li key={r.topic}>
                <code>{r.topic}</code> = <b>{r.payloadText}</b>{" "}
                <span class="muted">QoS {r.qos}</span>
              </li>
            ))}
          </ul>
          <h3>{t("wills")} ({broker.wills.length})</h3>
          <ul class="plain" role="list">
            {broker.wills.map((w) => (
              <li key={w.clientId}>
                <code>{w.clientId}</code> → <code>{w.topic}</code>{" "}
                <span class="muted">
                  QoS {w.qos}
                  {w.retain ? ` · ${t("retain")}` : ""}
                  {w.delayS ? ` · ${w.delayS}s` : ""}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t("brokerEvents")}</h3>
          <ol class="plain events" role="list" aria-live="polite">
            {events.slice(-60).reverse().map((e, i) => (
              <li
                key={`${e.atUs}-${i}`}
                class={e.type === "acl-refused" || e.type === "connect-refused" ? "refused" : ""}
              >
                <span class="mono muted">{formatClock(e.atUs)}</span> {e.text}
                {typeof e.rule === "string" && (
                  <span class="rule">
                    {t("rule")}: <code>{e.rule}</code>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
