/** Small inline SVG icons: they render the same on every machine, unlike emoji. */
const PATHS = {
  play: "M7 4.5v15l13-7.5z",
  pause: "M6 4h4.5v16H6zM13.5 4H18v16h-4.5z",
  step: "M5 4.5v15l10-7.5zM16 4h3v16h-3z",
  fast: "M3 5v14l9-7zM12 5v14l9-7z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
