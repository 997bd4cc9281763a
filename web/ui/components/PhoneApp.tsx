/**
 * The phone, as the blog's IoT OnOff app: switches and buttons publish, tiles show the
 * last message of a topic. It connects when first shown; edit mode changes topics and
 * payloads.
 */
import { useEffect, useRef } from "preact/hooks";
import { t } from "../i18n.ts";
import { explainError } from "./explain_error.ts";
import type { PhoneModel, Widget } from "../phone_model.ts";

export function PhoneApp({ phone }: { phone: PhoneModel }) {
  useEffect(() => {
    phone.connect();
  }, [phone]);
  const state = phone.state.value;
  const editing = phone.editing.value;
  const accountWhenEditing = useRef(phone.account.value);
  return (
    <section class="phone-view" aria-label={t("viewPhone")}>
      <div class="phone" data-testid="phone">
        <div class="phone-notch" aria-hidden="true" />
        <div class="phone-screen">
          <header class="phone-bar">
            <b>IoT OnOff</b>
            <span class={`dot ${state}`} role="status" aria-label={t(`state_${state}`)}>
              ● {t(`state_${state}`)}
            </span>
          </header>
          <ul class="widgets" role="list">
            {phone.widgets.value.map((w) => (
              <li key={w.id} class={`widget widget-${w.kind}`} data-testid={`widget-${w.name}`}>
                {editing
                  ? <WidgetEditor phone={phone} widget={w} />
                  : <WidgetView phone={phone} widget={w} />}
              </li>
            ))}
          </ul>
          {editing && <AccountEditor phone={phone} />}
          {editing && (
            <div class="phone-add">
              <button type="button" onClick={() => phone.add("switch")}>+ {t("switch")}</button>
              <button type="button" onClick={() => phone.add("button")}>+ {t("button")}</button>
              <button type="button" onClick={() => phone.add("tile")}>+ {t("tile")}</button>
            </div>
          )}
          <footer class="phone-foot">
            <button
              type="button"
              aria-pressed={editing}
              onClick={() => {
                phone.editing.value = !editing;
                if (!editing) accountWhenEditing.current = phone.account.value;
                else phone.applyEdits(accountWhenEditing.current !== phone.account.value);
              }}
            >
              {editing ? t("done") : t("configure")}
            </button>
          </footer>
        </div>
      </div>
      <aside class="phone-notes">
        <h2>{t("phoneTitle")}</h2>
        <p>{t("phoneExplain")}</p>
        <p class="mono">
          {t("clientIdLabel")}: {phone.clientId}
        </p>
        {phone.error.value && <p class="error" role="alert">{explainError(phone.error.value)}</p>}
      </aside>
    </section>
  );
}

function AccountEditor({ phone }: { phone: PhoneModel }) {
  const a = phone.account.value;
  return (
    <div class="widget w-edit account">
      <label>
        {t("username")}
        <input
          value={a.username}
          autocomplete="username"
          onChange={(e) => (phone.account.value = { ...a, username: e.currentTarget.value })}
        />
      </label>
      <label>
        {t("password")}
        <input
          type="password"
          value={a.password}
          autocomplete="current-password"
          onChange={(e) => (phone.account.value = { ...a, password: e.currentTarget.value })}
        />
      </label>
    </div>
  );
}

function WidgetView({ phone, widget: w }: { phone: PhoneModel; widget: Widget }) {
  if (w.kind === "switch") {
    return (
      <>
        <div class="w-text">
          <b>{w.name}</b>
          <small>
            {w.topic} · "{w.on ? w.onPayload : w.offPayload}"
          </small>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={w.on}
          aria-label={w.name}
          class="toggle"
          onClick={() => phone.toggle(w.id)}
        >
          <span class="knob" />
        </button>
      </>
    );
  }
  if (w.kind === "button") {
    return (
      <>
        <div class="w-text">
          <b>{w.name}</b>
          <small>
            {w.topic} · "{w.payload}"
          </small>
        </div>
        <button type="button" class="primary" onClick={() => phone.press(w.id)}>
          {t("send")}
        </button>
      </>
    );
  }
  return (
    <div class="w-text tile" aria-live="polite">
      <small>{w.topic}</small>
      <b class="tile-value">{w.last?.text ?? "—"}</b>
    </div>
  );
}

function WidgetEditor({ phone, widget: w }: { phone: PhoneModel; widget: Widget }) {
  const field = (label: string, value: string, key: string) => (
    <label>
      {label}
      <input
        value={value}
        onChange={(e) => phone.update(w.id, { [key]: e.currentTarget.value } as Partial<Widget>)}
      />
    </label>
  );
  return (
    <div class="w-edit">
      {field(t("name"), w.name, "name")}
      {field(t("topic"), w.topic, "topic")}
      {w.kind === "switch" && field(t("onPayload"), w.onPayload, "onPayload")}
      {w.kind === "switch" && field(t("offPayload"), w.offPayload, "offPayload")}
      {w.kind === "button" && field(t("payload"), w.payload, "payload")}
      <button type="button" onClick={() => phone.remove(w.id)}>{t("remove")}</button>
    </div>
  );
}
