/**
 * Chinese and English for every word on screen. Each string is written in both
 * languages side by side, so a missing translation is a type error.
 */
import { signal } from "@preact/signals";
import { STRINGS } from "./strings.ts";

export type Lang = "zh" | "en";
export type StringKey = keyof typeof STRINGS;

const STORAGE_KEY = "mqtt-playground.lang";

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === "zh" || saved === "en") return saved;
  return globalThis.navigator?.language?.startsWith("zh") === false ? "en" : "zh";
}

/** The language on screen; remembered in the browser. */
export const lang = signal<Lang>(initialLang());

export function setLang(next: Lang): void {
  lang.value = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

/** The string for `key` in the current language (reads the signal: components re-render). */
export function t(key: StringKey): string {
  return STRINGS[key][lang.value];
}
