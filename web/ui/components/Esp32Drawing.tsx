/**
 * An ESP32 DevKit drawn in SVG (board 60 x 110 units): the module with its antenna,
 * header pins, USB, EN and BOOT buttons, the red power LED and the GPIO LED, lit or dark.
 * Returns a <g> so the topology and the board panel embed the same drawing.
 */
export function Esp32Drawing(
  { led, powered, x = 0, y = 0, scale = 1, ledPin = 15 }: {
    led: boolean;
    powered: boolean;
    x?: number;
    y?: number;
    scale?: number;
    ledPin?: number;
  },
) {
  const pins = [];
  for (let i = 0; i < 15; i++) {
    const py = 30 + i * 5.2;
    pins.push(<rect key={`l${i}`} x={2} y={py} width={4} height={3} fill="#d4a72c" />);
    pins.push(<rect key={`r${i}`} x={54} y={py} width={4} height={3} fill="#d4a72c" />);
  }
  return (
    <g transform={`translate(${x},${y}) scale(${scale})`} class="esp32">
      <rect x={0} y={0} width={60} height={110} rx={4} fill="#1e3a5f" stroke="#0b1220" />
      {/* the WROOM module: antenna on top, metal shield below */}
      <rect x={11} y={3} width={38} height={44} rx={2} fill="#27272a" />
      <path
        d="M15 8h6v6h-4v4h8v-10h6v10h8v-4h-4v-6h6"
        fill="none"
        stroke="#d4a72c"
        stroke-width={1.6}
      />
      <rect x={13} y={21} width={34} height={24} rx={1.5} fill="#a1a1aa" />
      <text x={30} y={31} font-size={5} text-anchor="middle" fill="#27272a">ESP32</text>
      <text x={30} y={38} font-size={3.4} text-anchor="middle" fill="#27272a">
        WROOM-32
      </text>
      {pins}
      {/* power LED (red) and the program's LED on its GPIO */}
      <circle cx={18} cy={62} r={3} fill={powered ? "#ef4444" : "#450a0a"} />
      <circle
        cx={42}
        cy={62}
        r={led ? 5 : 3.5}
        class={led ? "led lit" : "led"}
        fill={led ? "#60a5fa" : "#1e293b"}
        stroke="#94a3b8"
        stroke-width={0.6}
      />
      {led && <circle cx={42} cy={62} r={11} fill="#60a5fa" opacity={0.35} />}
      <text x={42} y={74} font-size={4.4} text-anchor="middle" fill="#cbd5e1">
        GPIO{ledPin}
      </text>
      {/* EN and BOOT buttons, USB */}
      <rect x={8} y={88} width={9} height={7} rx={1} fill="#e5e7eb" />
      <rect x={43} y={88} width={9} height={7} rx={1} fill="#e5e7eb" />
      <text x={12.5} y={101} font-size={3.6} text-anchor="middle" fill="#cbd5e1">EN</text>
      <text x={47.5} y={101} font-size={3.6} text-anchor="middle" fill="#cbd5e1">BOOT</text>
      <rect x={23} y={100} width={14} height={10} rx={1} fill="#9ca3af" />
    </g>
  );
}
