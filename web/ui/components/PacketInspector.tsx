/** The Wireshark-like inspector: filters, the list, and the selected packet's fields and bytes. */
import { lang, t } from "../i18n.ts";
import { packetColor } from "../palette.ts";
import { fieldAt, fieldPathAtByte, type PacketsModel } from "../packets_model.ts";
import { FieldTree } from "./FieldTree.tsx";
import { hexToBytes, HexView } from "./HexView.tsx";
import { PacketFilters } from "./PacketFilters.tsx";
import { PacketList } from "./PacketList.tsx";
import { fieldHelp, fieldLabel } from "../field_help.ts";

export function PacketInspector({ packets }: { packets: PacketsModel }) {
  return (
    <section class="inspector" aria-label={t("viewInspector")}>
      <PacketFilters packets={packets} />
      <PacketList packets={packets} />
      <PacketDetailPane packets={packets} />
    </section>
  );
}

function PacketDetailPane({ packets }: { packets: PacketsModel }) {
  const state = packets.detail.value;
  if (state.state === "none") {
    return <div class="detail empty">{t("selectPacketHint")}</div>;
  }
  if (state.state === "loading") return <div class="detail empty">…</div>;
  if (state.state === "error") {
    return <div class="detail empty error">{t("detailFailed")}: {state.message}</div>;
  }
  const { detail } = state;
  const selected = packets.selectedField.value;
  const field = selected ? fieldAt(detail.fields, selected) : undefined;
  const color = packetColor(detail.row.type);
  const bytes = hexToBytes(detail.hex);
  return (
    <div class="detail" data-testid="packet-detail" data-seq={detail.row.seq}>
      <div class="detail-tree">
        <h3 style={{ color }}>
          #{detail.row.seq} {detail.row.type}{" "}
          <small>
            {detail.row.size} B · MQTT {detail.row.level === 5 ? "5.0" : "3.1.1"}
          </small>
        </h3>
        <FieldTree
          fields={detail.fields}
          selected={selected}
          packetType={detail.row.type}
          onSelect={(path) => packets.selectField(path)}
        />
      </div>
      <div class="detail-hex">
        <HexView
          bytes={bytes}
          field={field}
          color={color}
          onByte={(offset) => packets.selectField(fieldPathAtByte(detail.fields, offset))}
        />
        {field && (
          <p class="field-explain" data-testid="field-explain">
            <b>{fieldLabel(field.label, lang.value).main}</b>
            {field.spec && <span class="f-spec">§{field.spec}</span>}{" "}
            {fieldHelp(field.name, detail.row.type, lang.value) ?? ""}
          </p>
        )}
        {detail.payload && (
          <p class="payload-preview">
            {t("message")} ({detail.payload.kind}): <code>{detail.payload.text}</code>
          </p>
        )}
      </div>
    </div>
  );
}
