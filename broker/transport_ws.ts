/**
 * MQTT over WebSocket (subprotocol "mqtt", EMQX's /mqtt path): binary frames
 * carry the byte stream [MQTT-6.0.0-1]. Mount it in Hono:
 *   app.get("/mqtt", (c) => upgradeMqttWebSocket(broker, c.req.raw, c.env?.remoteAddr));
 */
import type { Link, LinkAcceptor } from "./link.ts";

export const MQTT_SUBPROTOCOLS = ["mqtt", "mqttv3.1"];
const WS_CONNECTING = 0;
const WS_OPEN = 1;
const WS_CLOSE_PROTOCOL_ERROR = 1002;

/** Upgrades an HTTP request to an MQTT WebSocket, or answers 400 when it is not one. */
export function upgradeMqttWebSocket(
  broker: LinkAcceptor,
  request: Request,
  remoteAddr?: Deno.Addr,
): Response {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("MQTT over WebSocket: connect with a WebSocket, subprotocol mqtt\n", {
      status: 400,
    });
  }
  const offered = (request.headers.get("sec-websocket-protocol") ?? "")
    .split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  const protocol = MQTT_SUBPROTOCOLS.find((p) => offered.includes(p));
  const { socket, response } = Deno.upgradeWebSocket(request, protocol ? { protocol } : {});
  const net = remoteAddr as Deno.NetAddr | undefined;
  const address = net?.hostname !== undefined ? `${net.hostname}:${net.port}` : "websocket";
  adaptWebSocket(broker, socket, address);
  return response;
}

/** Attaches any server-side WebSocket to the broker. */
export function adaptWebSocket(
  broker: LinkAcceptor,
  socket: WebSocket,
  remoteAddress: string,
): void {
  socket.binaryType = "arraybuffer";
  const early: Uint8Array[] = [];
  let gone = false;
  const link: Link = {
    transport: "ws",
    remoteAddress,
    send(bytes) {
      if (gone) return;
      if (socket.readyState === WS_OPEN) socket.send(bytes);
      else if (socket.readyState === WS_CONNECTING) early.push(bytes);
      // closing or closed: the peer will never read it
    },
    close() {
      if (gone) return;
      gone = true;
      try {
        socket.close();
      } catch { /* already closed */ }
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
  };
  const attached = broker.attach(link);
  socket.onopen = () => {
    for (const b of early.splice(0)) socket.send(b);
    if (gone) socket.close();
  };
  socket.onmessage = (e) => {
    if (typeof e.data === "string") {
      // [MQTT-6.0.0-1] MQTT travels in binary frames only
      gone = true;
      socket.close(WS_CLOSE_PROTOCOL_ERROR, "MQTT needs binary frames");
      attached.closed();
      return;
    }
    attached.receive(new Uint8Array(e.data as ArrayBuffer));
  };
  socket.onclose = () => {
    gone = true;
    attached.closed();
  };
  socket.onerror = () => {};
}
