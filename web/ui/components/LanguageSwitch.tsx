import { lang, setLang, t } from "../i18n.ts";

export function LanguageSwitch() {
  return (
    <div class="lang-switch" role="radiogroup" aria-label={t("language")}>
      <button
        type="button"
        role="radio"
        aria-checked={lang.value === "zh"}
        onClick={() => setLang("zh")}
      >
        中文
      </button>
      <button
        type="button"
        role="radio"
        aria-checked={lang.value === "en"}
        aria-label="English"
        onClick={() => setLang("en")}
      >
        EN
      </button>
    </div>
  );
}
