/**
 * What each syscall does to the board model. A handler returns a value at once, or a wait
 * ("wake me when ... or at ...") and what to answer after it. The board model throws
 * MicroPython's own exceptions (ValueError, OSError(errno)); the session turns them into
 * ERROR replies that the .py side raises.
 */
import {
  type Board,
  type BoardSocket,
  EAGAIN,
  EBADF,
  EINPROGRESS,
  ETIMEDOUT,
  OSError,
  type PinMode,
  type WaitRequest,
  type WakeReason,
} from "../esp32/mod.ts";
import type { BoardFiles } from "./board_files.ts";
import { OP } from "./ops.ts";
import type { WireReader, WireValue } from "./wire.ts";

export type Outcome =
  | { kind: "value"; value?: WireValue }
  | { kind: "wait"; request: WaitRequest; then: (reason: WakeReason) => WireValue | undefined }
  | { kind: "cb-done" }
  | { kind: "idle" }
  | { kind: "reset"; soft: boolean };

export interface SyscallContext {
  board: Board;
  /** The board's flash, kept across resets: what the program writes lands here too. */
  files: BoardFiles;
  sockets: Map<number, BoardSocket>;
  /** A function the board model calls to run Python callback `id` (returns when done). */
  callback(id: number): () => Promise<void>;
}

const NONE: Outcome = { kind: "value" };
const decoder = new TextDecoder();

/** A path the board files cannot hold (say /_sim/...) stays in the worker only. */
function keep(update: () => void): void {
  try {
    update();
  } catch {
    // not a board file: nothing to keep
  }
}

function value(v: WireValue | undefined): Outcome {
  return { kind: "value", value: v };
}

function num(v: WireValue | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new TypeError(`syscall argument ${String(v)} is not a number`);
}

function opt(v: WireValue | undefined): number | undefined {
  return v === null || v === undefined ? undefined : num(v);
}

function str(v: WireValue | undefined): string {
  return typeof v === "string" ? v : String(v);
}

function socket(ctx: SyscallContext, fd: WireValue | undefined): BoardSocket {
  const s = ctx.sockets.get(num(fd));
  if (!s) throw new OSError(EBADF);
  return s;
}

/** A timeout argument: -1 = block forever, 0 = non-blocking, else microseconds. */
function deadline(board: Board, timeoutUs: number): number | undefined {
  return timeoutUs > 0 ? board.clock.nowUs + Math.round(timeoutUs) : undefined;
}

export function syscall(ctx: SyscallContext, op: number, args: WireReader): Outcome {
  const { board } = ctx;
  const a = args.next();
  const b = args.next();
  const c = args.next();
  const d = args.next();
  switch (op) {
    case OP.CB_DONE:
      return { kind: "cb-done" };
    case OP.IDLE:
      return { kind: "idle" };
    case OP.SLEEP_US:
      return {
        kind: "wait",
        request: { untilUs: board.clock.nowUs + Math.max(0, Math.round(num(a))) },
        then: () => null,
      };
    case OP.PIN_INIT:
      board.gpio.pin(num(a)).init(opt(b) as PinMode | undefined, opt(c), opt(d));
      return NONE;
    case OP.PIN_WRITE:
      board.gpio.pin(num(a)).setValue(num(b));
      return NONE;
    case OP.PIN_READ:
      return value(board.gpio.pin(num(a)).value());
    case OP.PIN_IRQ: {
      const pin = board.gpio.pin(num(a));
      const id = opt(c);
      pin.irq(id === undefined ? null : ctx.callback(id), num(b));
      return NONE;
    }
    case OP.TIMER_INIT: {
      const id = opt(d);
      board.timer(num(a)).init({
        mode: num(b) as 0 | 1,
        periodMs: num(c) / 1000,
        callback: id === undefined ? null : ctx.callback(id),
      });
      return NONE;
    }
    case OP.TIMER_DEINIT:
      board.timer(num(a)).deinit();
      return NONE;
    case OP.RESET:
      return { kind: "reset", soft: a === true };
    case OP.UNIQUE_ID:
      return value(board.mac.slice());
    case OP.WLAN_ACTIVE:
      return value(board.wlan(num(a)).active(b === null ? undefined : Boolean(b)));
    case OP.WLAN_CONNECT:
      board.wlan(num(a)).connect(str(b), str(c));
      return NONE;
    case OP.WLAN_DISCONNECT:
      board.wlan(num(a)).disconnect();
      return NONE;
    case OP.WLAN_ISCONNECTED:
      return value(board.wlan(num(a)).isconnected());
    case OP.WLAN_STATUS:
      return value(board.wlan(num(a)).status(b === null ? undefined : str(b)));
    case OP.WLAN_IFCONFIG:
      return value(board.wlan(num(a)).ifconfig().join(" "));
    case OP.WLAN_CONFIG: {
      const v = board.wlan(num(a)).config(str(b));
      return value(v instanceof Uint8Array ? v : v as WireValue);
    }
    case OP.WLAN_CONFIGURE:
      board.wlan(num(a)).configure({
        essid: b === null ? undefined : str(b),
        password: c === null ? undefined : str(c),
        hostname: d === null ? undefined : str(d),
      });
      return NONE;
    case OP.WLAN_SCAN:
      return value(JSON.stringify(
        board.wlan(num(a)).scan().map((
          r,
        ) => [r.ssid, [...r.bssid], r.channel, r.rssiDbm, r.authmode, r.hidden]),
      ));
    case OP.GETADDRINFO:
      return value(board.getaddrinfo(str(a)));
    case OP.SOCK_NEW: {
      const s = board.socket();
      ctx.sockets.set(s.fd, s);
      return value(s.fd);
    }
    case OP.SOCK_CONNECT: {
      const s = socket(ctx, a);
      const timeoutUs = num(d);
      s.connect(str(b), num(c));
      if (timeoutUs === 0) throw new OSError(EINPROGRESS);
      return {
        kind: "wait",
        request: { ready: () => !s.connectPending, untilUs: deadline(board, timeoutUs) },
        then: () => {
          if (s.connectPending) throw new OSError(ETIMEDOUT);
          s.connectResult();
          return null;
        },
      };
    }
    case OP.SOCK_SEND:
      return value(socket(ctx, a).send(b as Uint8Array));
    case OP.SOCK_RECV: {
      const s = socket(ctx, a);
      const max = num(b);
      const timeoutUs = num(c);
      const got = s.recv(max);
      if (got !== null) return value(got);
      if (timeoutUs === 0) throw new OSError(EAGAIN);
      return {
        kind: "wait",
        request: { ready: () => s.readable, untilUs: deadline(board, timeoutUs) },
        then: () => {
          const later = s.recv(max);
          if (later === null) throw new OSError(ETIMEDOUT);
          return later;
        },
      };
    }
    case OP.SOCK_CLOSE: {
      const fd = num(a);
      ctx.sockets.get(fd)?.close();
      ctx.sockets.delete(fd);
      return NONE;
    }
    case OP.FILE_PUT:
      keep(() => ctx.files.write(str(a), decoder.decode(b as Uint8Array)));
      return NONE;
    case OP.FILE_REMOVE:
      keep(() => ctx.files.remove(str(a)));
      return NONE;
    case OP.FILE_RENAME:
      keep(() => {
        const text = ctx.files.read(str(a));
        ctx.files.remove(str(a));
        if (text !== undefined) ctx.files.write(str(b), text);
      });
      return NONE;
    default:
      throw new Error(`unknown syscall ${op}`);
  }
}
