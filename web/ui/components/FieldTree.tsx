/** The dissection as a tree (all open): label, value, spec section; selecting one highlights its bytes. */
import { lang, t } from "../i18n.ts";
import { fieldHelp, fieldLabel } from "../field_help.ts";
import type { Field } from "../../protocol.ts";
import { walkFields } from "../packets_model.ts";

export function formatValue(value: unknown): string {
  if (value === undefined) return "";
  // Bit patterns ("0b0010") read as numbers; other strings are quoted, as in the payload.
  if (typeof value === "string") return /^0b[01]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}

export function FieldTree(
  { fields, selected, packetType, onSelect }: {
    fields: Field[];
    selected: string | null;
    packetType: string;
    onSelect: (path: string) => void;
  },
) {
  const items = [...walkFields(fields)];
  const index = items.findIndex((item) => item.path === selected);
  return (
    <div
      class="field-tree"
      role="tree"
      aria-label={t("fields")}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
        e.preventDefault();
        e.stopPropagation();
        const next = Math.min(
          items.length - 1,
          Math.max(0, index + (e.key === "ArrowDown" ? 1 : -1)),
        );
        onSelect(items[next].path);
      }}
    >
      {items.map(({ field, path, depth }) => {
        const isSelected = path === selected;
        const label = fieldLabel(field.label, lang.value);
        return (
          <div
            key={path}
            role="treeitem"
            aria-level={depth + 1}
            aria-selected={isSelected}
            data-path={path}
            data-name={field.name}
            class={isSelected ? "field selected" : "field"}
            style={{ paddingLeft: `${0.4 + depth * 1.1}em` }}
            onClick={() => onSelect(path)}
          >
            <span class="f-label">{label.main}</span>
            {label.aside && <span class="f-aside">{label.aside}</span>}
            {field.value !== undefined && <span class="f-value">{formatValue(field.value)}</span>}
            {field.note && <span class="f-note">({field.note})</span>}
            {field.bits && (
              <span class="f-bits">
                {t("bits")} {field.bits[0]}
                {field.bits[0] !== field.bits[1] ? `..${field.bits[1]}` : ""}
              </span>
            )}
            <span class="f-range">
              [{field.start}..{field.end})
            </span>
            {field.spec && <span class="f-spec">§{field.spec}</span>}
            {isSelected && (
              <div class="f-help">
                {fieldHelp(field.name, packetType, lang.value) ?? ""}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
