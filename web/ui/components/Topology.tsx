/**
 * The topology: the broker in the middle, every client around it on its wire, each
 * packet a labelled token moving along the wire in virtual time. Click a node to see
 * its packets in the inspector.
 */
import { useEffect, useMemo, useRef } from "preact/hooks";
import { t } from "../i18n.ts";
import { PACKET_COLORS } from "../palette.ts";
import { boardNode, BROKER_NODE } from "../../protocol.ts";
import { COMPACT_NODES, layoutNodes, type NodePlace, VIEW_H, VIEW_W } from "../topology_layout.ts";
import { TokenAnimator } from "../topology_tokens.ts";
import type { WorldModel } from "../world_model.ts";
import { currentView } from "../view_model.ts";
import { Esp32Drawing } from "./Esp32Drawing.tsx";

export function Topology({ model }: { model: WorldModel }) {
  const boards = model.boards.value;
  const clients = model.broker.value?.clients ?? [];
  // Boards of this world, the broker's clients, and peers heard from just now; a board
  // peer that is not in this world (an older world's rows) is left out.
  const boardIds = new Set(boards.map((b) => boardNode(b.name)));
  const peers = model.packets.livePeers.value.filter((id) =>
    !id.startsWith("board:") || boardIds.has(id)
  );
  const publisherIds = model.packets.publishers.value;
  const subscriberIds = clients.filter((c) => c.subscriptions.length > 0).map((c) => c.node);
  const places = useMemo(() => {
    // Subscribers that do not publish sit right of the broker, everyone else left,
    // as in the textbook's figure: publisher → broker → subscriber.
    const pubs = new Set(publisherIds);
    const subs = new Set(subscriberIds);
    return layoutNodes(
      [...boards.map((b) => boardNode(b.name)), ...clients.map((c) => c.node), ...peers],
      (id) => subs.has(id) && !pubs.has(id),
    );
  }, [
    boards.map((b) => b.name).join(),
    clients.map((c) => c.node).join(),
    peers.join(),
    publisherIds.join(),
    subscriberIds.join(),
  ]);
  const byId = useRef(new Map<string, NodePlace>());
  byId.current = new Map(places.map((p) => [p.id, p]));
  const svg = useRef<SVGSVGElement>(null);
  const layer = useRef<SVGGElement>(null);

  useEffect(() => {
    const animator = new TokenAnimator(
      layer.current!,
      (id) => svg.current?.querySelector(`[data-node="${CSS.escape(id)}"]`) ?? null,
      (id) => byId.current.get(id),
      () => model.estimateNowUs(),
    );
    const off = model.packets.addListener((rows) => animator.add(rows));
    animator.start();
    return () => {
      off();
      animator.stop();
      layer.current?.replaceChildren();
    };
  }, [model]);

  // A class of 30 boards (or a thousand sensors) is drawn as dots, not ESP32 pictures.
  const compact = places.length - 1 > COMPACT_NODES;
  const connected = new Set(clients.filter((c) => c.connected).map((c) => c.node));
  const publishers = new Set(model.packets.publishers.value);
  const subscribers = new Set(
    clients.filter((c) => c.subscriptions.length > 0).map((c) => c.node),
  );
  return (
    <section class="topology" aria-label={t("viewTopology")}>
      <svg
        ref={svg}
        viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
        role="img"
        aria-label={t("topologyAria")}
        data-testid="topology"
      >
        {places.filter((p) => p.id !== BROKER_NODE).map((p) => (
          <line
            key={`w-${p.id}`}
            class={connected.has(p.id) ? "wire up" : "wire"}
            x1={p.x}
            y1={p.y}
            x2={VIEW_W / 2}
            y2={VIEW_H / 2}
          />
        ))}
        {places.map((p) => (
          <g
            key={p.id}
            data-node={p.id}
            class={`node node-${p.kind}`}
            transform={`translate(${p.x},${p.y})`}
            onClick={() => {
              if (p.id === BROKER_NODE) return;
              const client = clients.find((c) => c.node === p.id)?.clientId;
              model.packets.setFilter({ client: client ?? p.id });
              currentView.value = "packets";
            }}
          >
            <title>{p.id}</title>
            {compact && p.id !== BROKER_NODE
              ? <CompactNode place={p} model={model} />
              : <NodeShape place={p} model={model} />}
            {!compact && p.id !== BROKER_NODE && (
              <RoleTags
                publisher={publishers.has(p.id)}
                subscriber={subscribers.has(p.id)}
                y={p.kind === "board" && !isVirtualPhone(p.id, model)
                  ? 130
                  : p.kind === "client"
                  ? 78
                  : 96}
              />
            )}
          </g>
        ))}
        <g ref={layer} class="tokens" />
      </svg>
      <ul class="legend" aria-label={t("legend")}>
        {Object.entries(PACKET_COLORS).map(([type, color]) => (
          <li key={type}>
            <span class="swatch" style={{ background: color }} />
            {type}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompactNode({ place, model }: { place: NodePlace; model: WorldModel }) {
  const board = model.boards.value.find((b) => `board:${b.name}` === place.id);
  const lit = !!board && board.power === "on" && board.pins[board.ledPin] === 1;
  return (
    <>
      <circle class="glow-ring" r={13} />
      <circle class={lit ? "node-dot lit" : "node-dot"} r={8} />
    </>
  );
}

/** The textbook's roles under each client: 发布者 publisher, 订阅者 subscriber (or both). */
function RoleTags(
  { publisher, subscriber, y }: { publisher: boolean; subscriber: boolean; y: number },
) {
  const tags = [
    ...(publisher ? [{ text: t("publisher"), cls: "role-pub" }] : []),
    ...(subscriber ? [{ text: t("subscriber"), cls: "role-sub" }] : []),
  ];
  // Wide enough for "subscriber" at 16px; Chinese needs less.
  const w = Math.max(
    60,
    ...tags.map((tag) => tag.text.length * (/[^ -~]/.test(tag.text) ? 17 : 9.5) + 18),
  );
  return (
    <g class="roles">
      {tags.map((tag, i) => {
        const x = (i - (tags.length - 1) / 2) * (w + 6);
        return (
          <g key={tag.cls} class={tag.cls} transform={`translate(${x},${y})`}>
            <rect x={-w / 2} y={-13} width={w} height={26} rx={13} />
            <text dy="0.35em" text-anchor="middle">{tag.text}</text>
          </g>
        );
      })}
    </g>
  );
}

function isVirtualPhone(id: string, model: WorldModel): boolean {
  return model.boards.value.some((b) => `board:${b.name}` === id && b.program.name === "onoff-app");
}

function NodeShape({ place, model }: { place: NodePlace; model: WorldModel }) {
  if (place.kind === "broker") {
    return (
      <>
        <rect class="glow-ring" x={-95} y={-52} width={190} height={104} rx={18} />
        <rect x={-85} y={-45} width={170} height={90} rx={14} class="broker-box" />
        <text y={-8} text-anchor="middle" class="node-title">{t("brokerTitle")}</text>
        <text y={20} text-anchor="middle" class="node-sub">MQTT Broker</text>
      </>
    );
  }
  if (place.kind === "board" && !isVirtualPhone(place.id, model)) {
    const board = model.boards.value.find((b) => `board:${b.name}` === place.id);
    const led = !!board && board.power === "on" && board.pins[board.ledPin] === 1;
    return (
      <>
        <rect class="glow-ring" x={-46} y={-76} width={92} height={152} rx={10} />
        <Esp32Drawing
          x={-37.5}
          y={-68.75}
          scale={1.25}
          led={led}
          powered={board?.power === "on"}
          ledPin={board?.ledPin}
        />
        <text y={90} text-anchor="middle" class="node-label">{place.label}</text>
        {board?.wifi.ip && (
          <text y={108} text-anchor="middle" class="node-sub">{board.wifi.ip}</text>
        )}
      </>
    );
  }
  // A virtual phone (the blog's IoT OnOff as a scenario board) is drawn as a phone too.
  if (place.kind === "phone" || isVirtualPhone(place.id, model)) {
    return (
      <>
        <rect class="glow-ring" x={-34} y={-56} width={68} height={112} rx={14} />
        <rect x={-26} y={-48} width={52} height={96} rx={9} class="phone-box" />
        <rect x={-21} y={-38} width={42} height={72} rx={3} fill="#0f172a" />
        <circle cx={0} cy={42} r={3} fill="#475569" />
        <text y={72} text-anchor="middle" class="node-label">{place.label}</text>
      </>
    );
  }
  return (
    <>
      <rect class="glow-ring" x={-52} y={-40} width={104} height={80} rx={12} />
      <rect x={-40} y={-30} width={80} height={50} rx={4} class="laptop-box" />
      <rect x={-50} y={20} width={100} height={8} rx={3} fill="#64748b" />
      <text y={52} text-anchor="middle" class="node-label">{place.label}</text>
    </>
  );
}
