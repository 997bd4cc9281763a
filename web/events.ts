/**
 * The `/events` hub: every open UI socket gets the same stream of JSON messages
 * (clock state now; tap and world events as the world grows).
 */

export interface EventSocket {
  send(data: string): void;
  readonly readyState: number;
}

const OPEN = 1;

export class EventHub {
  #sockets = new Set<EventSocket>();

  get size(): number {
    return this.#sockets.size;
  }

  add(socket: EventSocket, greeting?: unknown): () => void {
    this.#sockets.add(socket);
    if (greeting !== undefined) socket.send(JSON.stringify(greeting));
    return () => this.#sockets.delete(socket);
  }

  broadcast(message: unknown): void {
    if (this.#sockets.size === 0) return;
    const data = JSON.stringify(message);
    for (const socket of this.#sockets) {
      if (socket.readyState === OPEN) socket.send(data);
      else if (socket.readyState > OPEN) this.#sockets.delete(socket);
    }
  }
}
