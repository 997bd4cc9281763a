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

  /** Adds a socket after sending it `greetings` (the whole picture, then live updates). */
  add(socket: EventSocket, greetings: unknown[] = []): () => void {
    for (const message of greetings) socket.send(JSON.stringify(message));
    this.#sockets.add(socket);
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
