/** Which view is on screen; mirrored in the URL hash so a reload (or a test) lands on it. */
import { batch, effect, signal } from "@preact/signals";

export const VIEW_IDS = [
  "topology",
  "packets",
  "boards",
  "phone",
  "client",
  "broker",
  "classroom",
] as const;
export type ViewId = typeof VIEW_IDS[number];

/** A seat's own page: `#seat=seat07` (a student opens it directly; the classroom links it). */
const SEAT_HASH = /^seat=(seat\d+)$/;

const seatFromHash = () => globalThis.location?.hash.slice(1).match(SEAT_HASH)?.[1] ?? null;

const fromHash = () => {
  const id = globalThis.location?.hash.slice(1);
  if (SEAT_HASH.test(id ?? "")) return "seat";
  return (VIEW_IDS as readonly string[]).includes(id ?? "") ? id! : "topology";
};

export const currentView = signal<string>(fromHash());
/** The seat whose page is open (view "seat"). */
export const currentSeat = signal<string | null>(seatFromHash());

/** Opens a seat's page. */
export function openSeat(seat: string): void {
  batch(() => {
    currentSeat.value = seat;
    currentView.value = "seat";
  });
}

effect(() => {
  const hash = currentView.value === "seat" ? `seat=${currentSeat.value}` : currentView.value;
  if (globalThis.location && location.hash.slice(1) !== hash) {
    history.replaceState(null, "", `#${hash}`);
  }
});
globalThis.addEventListener?.("hashchange", () => {
  currentSeat.value = seatFromHash() ?? currentSeat.value;
  currentView.value = fromHash();
});

const LESSONS_KEY = "mqtt-playground.lessonsOpen";

/** The lesson stepper beside the views: open or closed, remembered in the browser. */
export const lessonsOpen = signal<boolean>(
  globalThis.localStorage?.getItem(LESSONS_KEY) === "1",
);
effect(() => globalThis.localStorage?.setItem(LESSONS_KEY, lessonsOpen.value ? "1" : "0"));
