/** Which view is on screen; mirrored in the URL hash so a reload (or a test) lands on it. */
import { effect, signal } from "@preact/signals";

export const VIEW_IDS = ["topology", "packets", "boards", "phone", "client", "broker"] as const;
export type ViewId = typeof VIEW_IDS[number];

const fromHash = () => {
  const id = globalThis.location?.hash.slice(1);
  return (VIEW_IDS as readonly string[]).includes(id ?? "") ? id! : "topology";
};

export const currentView = signal<string>(fromHash());

effect(() => {
  if (globalThis.location && location.hash.slice(1) !== currentView.value) {
    history.replaceState(null, "", `#${currentView.value}`);
  }
});
globalThis.addEventListener?.("hashchange", () => (currentView.value = fromHash()));

const LESSONS_KEY = "mqtt-playground.lessonsOpen";

/** The lesson stepper beside the views: open or closed, remembered in the browser. */
export const lessonsOpen = signal<boolean>(
  globalThis.localStorage?.getItem(LESSONS_KEY) === "1",
);
effect(() => globalThis.localStorage?.setItem(LESSONS_KEY, lessonsOpen.value ? "1" : "0"));
