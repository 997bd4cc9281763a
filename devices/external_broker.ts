/**
 * External broker mode: the boards' streams leave the virtual network over real TCP to a
 * broker such as Mosquitto or EMQX. Bytes from the broker enter the virtual network at the
 * virtual time they arrive, so the host must pace the clock against the wall (speed 1 or
 * a small multiple); the packet log is then recorded at the boards' sockets.
 */
import type { StreamEnd } from "../sim/mod.ts";
import type { BrokerGateway, World } from "./world.ts";

export interface ExternalBroker {
  hostname: string;
  port: number;
}

/** Parses "mqtt://HOST:PORT" (port 1883 when omitted). */
export function parseBrokerUrl(url: string): ExternalBroker {
  const m = /^mqtt:\/\/([^:/]+)(?::(\d+))?\/?$/.exec(url);
  if (!m) throw new Error(`Cannot use broker '${url}': expected mqtt://HOST:PORT`);
  return { hostname: m[1], port: m[2] ? Number(m[2]) : 1883 };
}

/** A gateway that opens one TCP connection to `target` per board stream. */
export function tcpBrokerGateway(target: ExternalBroker): (world: World) => BrokerGateway {
  return (world) => {
    const conns = new Set<Deno.Conn>();
    const report = (text: string) => {
      for (const board of world.boards.values()) board.console.println(text);
    };
    let reported = false;
    return {
      accept(end: StreamEnd) {
        const pending: Uint8Array[] = [];
        let conn: Deno.Conn | undefined;
        let closed = false;
        end.setHandlers({
          data: (bytes) => {
            if (conn) conn.write(bytes).catch(() => end.reset());
            else pending.push(bytes);
          },
          closed: () => {
            closed = true;
            if (conn) {
              conns.delete(conn);
              try {
                conn.close();
              } catch { /* already closed */ }
            }
          },
        });
        Deno.connect({ hostname: target.hostname, port: target.port }).then(async (c) => {
          if (closed) {
            c.close();
            return;
          }
          conn = c;
          conns.add(c);
          for (const bytes of pending.splice(0)) await c.write(bytes);
          const buf = new Uint8Array(16_384);
          for (;;) {
            let n: number | null;
            try {
              n = await c.read(buf);
            } catch {
              n = null;
            }
            if (n === null) break;
            end.send(buf.slice(0, n));
          }
          conns.delete(c);
          end.close();
        }, (error) => {
          if (!reported) {
            reported = true;
            report(`[external broker ${target.hostname}:${target.port}: ${error.message}]`);
          }
          end.reset();
        });
      },
      close() {
        for (const c of conns) {
          try {
            c.close();
          } catch { /* already closed */ }
        }
        conns.clear();
      },
    };
  };
}
