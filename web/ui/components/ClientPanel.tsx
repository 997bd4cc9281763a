/**
 * The client panel, as MQTTX: connect (client id, user name, password, 3.1.1 or 5),
 * subscribe with wildcards and QoS, publish with QoS, retain and a text/JSON/hex
 * payload; one message list per subscription.
 */
import { useState } from "preact/hooks";
import type { QoS } from "../../../broker/codec/mod.ts";
import { t } from "../i18n.ts";
import { explainError } from "./explain_error.ts";
import type { ClientPanelModel, PayloadFormat, Subscription } from "../client_panel_model.ts";

export function ClientPanel({ panel }: { panel: ClientPanelModel }) {
  return (
    <section class="client-panel" aria-label={t("viewClient")}>
      <div class="cp-left">
        <ConnectForm panel={panel} />
        {panel.error.value && <p class="error" role="alert">{explainError(panel.error.value)}</p>}
        <SubscribeForm panel={panel} />
        <PublishForm panel={panel} />
      </div>
      <div class="cp-right">
        {panel.subscriptions.value.length === 0 && <p class="empty">{t("noSubscriptions")}</p>}
        {panel.subscriptions.value.map((sub) => (
          <SubscriptionMessages key={sub.filter} sub={sub} panel={panel} />
        ))}
      </div>
    </section>
  );
}

function ConnectForm({ panel }: { panel: ClientPanelModel }) {
  const s = panel.settings.value;
  const set = (change: Partial<typeof s>) => (panel.settings.value = { ...s, ...change });
  const connected = panel.state.value === "connected";
  return (
    <form
      class="card"
      aria-label={t("connection")}
      onSubmit={(e) => {
        e.preventDefault();
        connected ? panel.disconnect() : panel.connect();
      }}
    >
      <h3>
        {t("connection")}{" "}
        <span class={`dot ${panel.state.value}`} role="status">
          ● {t(`state_${panel.state.value}`)}
        </span>
      </h3>
      <div class="grid2">
        <label>
          {t("clientIdLabel")}
          <input
            value={s.clientId}
            data-testid="cp-client-id"
            onInput={(e) => set({ clientId: e.currentTarget.value })}
          />
        </label>
        <label>
          {t("version")}
          <select
            value={String(s.level)}
            onChange={(e) => set({ level: Number(e.currentTarget.value) as 4 | 5 })}
          >
            <option value="4">3.1.1</option>
            <option value="5">5.0</option>
          </select>
        </label>
        <label>
          {t("username")}
          <input value={s.username} onInput={(e) => set({ username: e.currentTarget.value })} />
        </label>
        <label>
          {t("password")}
          <input
            type="password"
            autocomplete="current-password"
            value={s.password}
            onInput={(e) => set({ password: e.currentTarget.value })}
          />
        </label>
        <label>
          {t("keepAlive")}
          <input
            type="number"
            min={0}
            value={s.keepaliveS}
            onInput={(e) => set({ keepaliveS: Number(e.currentTarget.value) })}
          />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={s.clean}
            onChange={(e) => set({ clean: e.currentTarget.checked })}
          />
          {t("cleanSession")}
        </label>
      </div>
      <button type="submit" class="primary" data-testid="cp-connect">
        {connected ? t("disconnect") : t("connect")}
      </button>
    </form>
  );
}

function QosSelect({ value, onChange }: { value: QoS; onChange: (q: QoS) => void }) {
  return (
    <select
      value={String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value) as QoS)}
    >
      <option value="0">QoS 0</option>
      <option value="1">QoS 1</option>
      <option value="2">QoS 2</option>
    </select>
  );
}

function SubscribeForm({ panel }: { panel: ClientPanelModel }) {
  const [filter, setFilter] = useState("esp32/#");
  const [qos, setQos] = useState<QoS>(0);
  return (
    <form
      class="card row"
      aria-label={t("subscribe")}
      onSubmit={(e) => {
        e.preventDefault();
        panel.subscribe(filter, qos);
      }}
    >
      <label class="grow">
        {t("topicFilter")} (+ #)
        <input
          value={filter}
          data-testid="cp-sub-filter"
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
      </label>
      <QosSelect value={qos} onChange={setQos} />
      <button type="submit" data-testid="cp-subscribe">{t("subscribe")}</button>
    </form>
  );
}

function PublishForm({ panel }: { panel: ClientPanelModel }) {
  const [topic, setTopic] = useState("esp32/publish");
  const [payload, setPayload] = useState("on");
  const [format, setFormat] = useState<PayloadFormat>("text");
  const [qos, setQos] = useState<QoS>(0);
  const [retain, setRetain] = useState(false);
  return (
    <form
      class="card"
      aria-label={t("publish")}
      onSubmit={(e) => {
        e.preventDefault();
        panel.publish(topic, payload, format, qos, retain);
      }}
    >
      <h3>{t("publish")}</h3>
      <label>
        {t("topic")}
        <input
          value={topic}
          data-testid="cp-pub-topic"
          onInput={(e) => setTopic(e.currentTarget.value)}
        />
      </label>
      <label>
        {t("payload")}
        <textarea
          rows={2}
          value={payload}
          data-testid="cp-pub-payload"
          onInput={(e) => setPayload(e.currentTarget.value)}
        />
      </label>
      <div class="row">
        <div class="seg" role="radiogroup" aria-label={t("format")}>
          {(["text", "json", "hex"] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={format === f}
              onClick={() => setFormat(f)}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        <QosSelect value={qos} onChange={setQos} />
        <label class="check">
          <input
            type="checkbox"
            checked={retain}
            onChange={(e) => setRetain(e.currentTarget.checked)}
          />
          {t("retain")}
        </label>
        <button type="submit" class="primary" data-testid="cp-publish">{t("publish")}</button>
      </div>
    </form>
  );
}

function SubscriptionMessages({ sub, panel }: { sub: Subscription; panel: ClientPanelModel }) {
  return (
    <section class="sub-messages" style={{ "--sub": sub.color }} aria-label={sub.filter}>
      <header>
        <b class="mono">{sub.filter}</b> <span class="muted">QoS {sub.qos}</span>
        <span class="muted">· {sub.messages.length}</span>
        <button type="button" onClick={() => panel.unsubscribe(sub.filter)}>
          {t("unsubscribe")}
        </button>
      </header>
      <ol class="messages" role="list" data-testid={`cp-messages-${sub.filter}`}>
        {sub.messages.slice(-50).reverse().map((m) => (
          <li key={m.id} class="message">
            <span class="mono topic">{m.topic}</span>
            <span class="muted">
              QoS {m.qos}
              {m.retain ? ` · ${t("retain")}` : ""} · {new Date(m.atMs).toLocaleTimeString()}
            </span>
            <pre class="payload">{m.text}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
