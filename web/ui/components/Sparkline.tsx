/** A small live chart of the last samples of one number. */
export function Sparkline(
  { samples, width = 120, height = 32, color = "#38bdf8" }: {
    samples: number[];
    width?: number;
    height?: number;
    color?: string;
  },
) {
  if (samples.length < 2) return <svg width={width} height={height} aria-hidden="true" />;
  const max = Math.max(...samples, 1);
  const min = Math.min(...samples, 0);
  const span = max - min || 1;
  const step = width / (samples.length - 1);
  const points = samples.map((v, i) =>
    `${(i * step).toFixed(1)},${(height - 2 - ((v - min) / span) * (height - 4)).toFixed(1)}`
  ).join(" ");
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      height={height}
      class="sparkline"
      aria-hidden="true"
    >
      <polyline
        points={points}
        fill="none"
        stroke={color}
        stroke-width={2}
        vector-effect="non-scaling-stroke"
      />
    </svg>
  );
}
