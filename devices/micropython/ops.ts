/**
 * The syscalls a MicroPython board makes to the world's kernel, and the kinds of reply.
 * One table for both sides: the worker hands these numbers to Python (`_board.OPS`), so
 * the .py modules never hard-code them.
 */

export const OP = {
  /** A callback finished; park until the main task's wait ends or another callback. */
  CB_DONE: 1,
  /** main.py ended: sit at the REPL, running callbacks, forever. */
  IDLE: 2,
  /** (us) block for that long. */
  SLEEP_US: 3,
  /** (id, mode|None, pull|None, value|None) */
  PIN_INIT: 10,
  /** (id, level) */
  PIN_WRITE: 11,
  /** (id) -> level */
  PIN_READ: 12,
  /** (id, trigger, callback id|None) */
  PIN_IRQ: 13,
  /** (id, mode, period us, callback id|None) */
  TIMER_INIT: 20,
  /** (id) */
  TIMER_DEINIT: 21,
  /** (soft: bool) the worker ends: this board boots again */
  RESET: 30,
  /** () -> bytes: the MAC, as machine.unique_id() */
  UNIQUE_ID: 31,
  /** (iface, value|None) -> bool */
  WLAN_ACTIVE: 40,
  /** (iface, ssid, key) */
  WLAN_CONNECT: 41,
  /** (iface) */
  WLAN_DISCONNECT: 42,
  /** (iface) -> bool */
  WLAN_ISCONNECTED: 43,
  /** (iface, param|None) -> int */
  WLAN_STATUS: 44,
  /** (iface) -> "ip netmask gateway dns" */
  WLAN_IFCONFIG: 45,
  /** (iface, key) -> str | int | bytes */
  WLAN_CONFIG: 46,
  /** (iface, essid|None, password|None, hostname|None) */
  WLAN_CONFIGURE: 47,
  /** (iface) -> JSON text of the scan results */
  WLAN_SCAN: 48,
  /** (host) -> ip */
  GETADDRINFO: 50,
  /** () -> fd */
  SOCK_NEW: 51,
  /** (fd, ip, port, timeout us | -1 = forever) */
  SOCK_CONNECT: 52,
  /** (fd, bytes) -> count */
  SOCK_SEND: 53,
  /** (fd, max, timeout us | -1 = forever | 0 = non-blocking) -> bytes, b'' at EOF */
  SOCK_RECV: 54,
  /** (fd) */
  SOCK_CLOSE: 55,
  /** (path, bytes) a file the program wrote: it stays on the board's flash */
  FILE_PUT: 60,
  /** (path) */
  FILE_REMOVE: 61,
  /** (from, to) */
  FILE_RENAME: 62,
} as const;

export type Op = typeof OP[keyof typeof OP];

/** What a reply is. */
export const REPLY = {
  /** The call's value follows. */
  OK: 0,
  /** An exception to raise: type name, then errno (number) or message (string). */
  ERROR: 1,
  /** Run Python callback (id) now, then say CB_DONE. */
  RUN_CALLBACK: 2,
  /** Ctrl-C: raise KeyboardInterrupt here. */
  INTERRUPT: 3,
  /** This board was reset or powered off: the worker must end. */
  EXIT: 4,
} as const;

export type ReplyKind = typeof REPLY[keyof typeof REPLY];
