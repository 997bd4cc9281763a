/** Small inline SVG icons: they render the same on every machine, unlike emoji. */
const PATHS = {
  play: "M7 4.5v15l13-7.5z",
  pause: "M6 4h4.5v16H6zM13.5 4H18v16h-4.5z",
  step: "M5 4.5v15l10-7.5zM16 4h3v16h-3z",
  fast: "M3 5v14l9-7zM12 5v14l9-7z",
  stop: "M6 6h12v12H6z",
  reset: "M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z",
  power: "M11 3h2v9h-2zM7.1 5.6l1.4 1.4A6 6 0 1 0 15.5 7l1.4-1.4A8 8 0 1 1 7.1 5.6z",
  code: "M8.6 16.6 4 12l4.6-4.6L7.2 6 1.2 12l6 6zM15.4 16.6 20 12l-4.6-4.6L16.8 6l6 6-6 6z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
