/**
 * Hex and ASCII, 16 bytes a line. The selected field's bytes are highlighted in both
 * columns; clicking a byte selects the narrowest field that covers it. For a bit
 * field the byte is also drawn as 8 bits with the field's bits marked.
 */
import { t } from "../i18n.ts";
import type { Field } from "../../protocol.ts";

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const MAX_BYTES_SHOWN = 16_384;

const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "·");

export function HexView(
  { bytes, field, color, onByte }: {
    bytes: Uint8Array;
    field: Field | undefined;
    color: string;
    onByte: (offset: number) => void;
  },
) {
  const lines = [];
  const inField = (i: number) => !!field && i >= field.start && i < field.end;
  // A 256 KB payload would be 16,000 lines: show the head, say how much is left out.
  const shown = Math.min(bytes.length, MAX_BYTES_SHOWN);
  for (let at = 0; at < shown; at += 16) {
    const hex = [];
    const ascii = [];
    for (let i = at; i < Math.min(at + 16, shown); i++) {
      const cls = inField(i) ? "byte hl" : "byte";
      hex.push(
        <span class={cls} data-offset={i} onClick={() => onByte(i)}>
          {bytes[i].toString(16).padStart(2, "0")}
        </span>,
      );
      ascii.push(
        <span class={cls} data-ascii-offset={i} onClick={() => onByte(i)}>
          {printable(bytes[i])}
        </span>,
      );
    }
    lines.push(
      <div class="hex-line">
        <span class="hex-offset">{at.toString(16).padStart(4, "0")}</span>
        <span class="hex-bytes">{hex}</span>
        <span class="hex-ascii">{ascii}</span>
      </div>,
    );
  }
  return (
    <div
      class="hex-view"
      data-testid="hex-view"
      aria-label={t("hexView")}
      style={{ "--hl": color }}
    >
      {lines}
      {shown < bytes.length && (
        <div class="muted">
          … {bytes.length - shown} {t("moreBytes")}
        </div>
      )}
      {field?.bits && <BitView byte={bytes[field.start]} bits={field.bits} />}
    </div>
  );
}

function BitView({ byte, bits }: { byte: number; bits: [number, number] }) {
  const cells = [];
  for (let bit = 7; bit >= 0; bit--) {
    const on = bit <= bits[0] && bit >= bits[1];
    cells.push(
      <span class={on ? "bit hl" : "bit"} title={`bit ${bit}`}>
        {(byte >> bit) & 1}
      </span>,
    );
  }
  return (
    <div class="bit-view" data-testid="bit-view">
      <span class="hex-offset">{t("bits")} 7..0</span>
      {cells}
    </div>
  );
}
