/**
 * The classroom (`--seats`): a tile per seat for the projector (online, its clients, its
 * packets and messages, the last message, activity), and a seat's own page (`#seat=seat07`):
 * its tile over the inspector, filtered to the seat.
 */
import { useEffect } from "preact/hooks";
import { t } from "../i18n.ts";
import type { ClassroomModel } from "../classroom_model.ts";
import type { PacketsModel } from "../packets_model.ts";
import { openSeat } from "../view_model.ts";
import { PacketInspector } from "./PacketInspector.tsx";
import { Sparkline } from "./Sparkline.tsx";

export function ClassroomView({ classroom }: { classroom: ClassroomModel }) {
  const seats = classroom.seats.value;
  const online =
    seats.filter((seat) => (classroom.clientsBySeat.value[seat] ?? []).some((c) => c.connected))
      .length;
  return (
    <section class="classroom" aria-label={t("viewClassroom")}>
      <h2>
        {t("viewClassroom")}{" "}
        <small data-testid="classroom-online">
          {online} / {seats.length} {t("seatsOnline")}
        </small>
      </h2>
      {seats.length === 0 ? <p class="empty">{t("noSeats")}</p> : (
        <ul class="seat-grid">
          {seats.map((seat) => (
            <li key={seat}>
              <SeatTile classroom={classroom} seat={seat} onOpen={() => openSeat(seat)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SeatTile(
  { classroom, seat, onOpen }: { classroom: ClassroomModel; seat: string; onOpen?: () => void },
) {
  const clients = classroom.clientsBySeat.value[seat] ?? [];
  const connected = new Set(clients.filter((c) => c.connected).map((c) => c.clientId));
  const online = connected.size > 0;
  const ids = classroom.clientIdsOf(seat);
  const stats = classroom.statsOf(seat);
  const body = (
    <>
      <header>
        <b class="seat-name">{seat}</b>
        <span class={online ? "seat-state on" : "seat-state off"} data-testid="seat-state">
          ● {online ? t("seatOnline") : t("seatOffline")}
        </span>
      </header>
      <p class="seat-clients" title={t("seatClients")}>
        {ids.length === 0
          ? "—"
          : ids.map((id) => <span key={id} class={connected.has(id) ? "on" : "off"}>{id}</span>)}
      </p>
      <dl class="seat-counts">
        <div>
          <dt>{t("seatMessages")}</dt>
          <dd data-testid="seat-messages">{stats.messages}</dd>
        </div>
        <div>
          <dt>{t("seatPackets")}</dt>
          <dd data-testid="seat-packets">{stats.packets}</dd>
        </div>
        <Sparkline samples={stats.activity} width={120} height={36} />
      </dl>
      <p class="seat-last" data-testid="seat-last">
        {stats.lastTopic
          ? (
            <>
              <code>{stats.lastTopic}</code> {stats.lastPayload}
            </>
          )
          : <span class="muted">{t("seatNoMessages")}</span>}
      </p>
    </>
  );
  const props = {
    class: `seat-tile ${online ? "online" : "offline"}`,
    "data-testid": `seat-tile-${seat}`,
    "data-online": String(online),
  };
  return onOpen
    ? (
      <button type="button" {...props} onClick={onOpen} title={t("seatOpen")}>
        {body}
      </button>
    )
    : <div {...props}>{body}</div>;
}

export function SeatPage(
  { classroom, packets, seat }: {
    classroom: ClassroomModel;
    packets: PacketsModel;
    seat: string;
  },
) {
  // The inspector's own list, filtered to the seat while this page is open.
  useEffect(() => {
    packets.setFilter({ seat });
    return () => packets.setFilter({ seat: "" });
  }, [seat]);
  return (
    <section class="seat-page" aria-label={`${t("seatPage")} ${seat}`} data-seat={seat}>
      <div class="seat-page-head">
        {classroom.seats.value.length > 0 && (
          <a href="#classroom" class="seat-back">← {t("viewClassroom")}</a>
        )}
        <SeatTile classroom={classroom} seat={seat} />
        <p class="muted">
          {t("seatPageHint")} <code>class/{seat}/#</code>
        </p>
      </div>
      <PacketInspector packets={packets} />
    </section>
  );
}
