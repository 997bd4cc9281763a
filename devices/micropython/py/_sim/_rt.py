# The bridge between the board's Python modules and the world's kernel (JS module _board).
# Every blocking call is a synchronous round trip; while the main program waits, the
# kernel may ask us to run a timer or pin callback first (as MicroPython's scheduler
# runs them while the main program sleeps or waits for a socket).
import sys
import _board
from uctypes import addressof

OP = _board.OP
_R = _board.REPLY
_OK = _R.OK
_ERROR = _R.ERROR
_RUN_CALLBACK = _R.RUN_CALLBACK
_INTERRUPT = _R.INTERRUPT
_CB_DONE = OP.CB_DONE
_call = _board.call
_send = _board.send
_kind = _board.kind
_arg = _board.arg
_arg2 = _board.arg2
_JsProxy = type(_board)

_callbacks = {}
_next_id = 1

_ERRORS = {
    "OSError": OSError,
    "ValueError": ValueError,
    "TypeError": TypeError,
    "RuntimeError": RuntimeError,
    "KeyError": KeyError,
    "NotImplementedError": NotImplementedError,
}


def register(func, obj):
    # A callback the kernel can ask us to run: returns its id.
    global _next_id
    i = _next_id
    _next_id += 1
    _callbacks[i] = (func, obj)
    return i


def _run_callback(i):
    entry = _callbacks.get(i)
    if entry is None:
        return
    try:
        entry[0](entry[1])
    except BaseException as e:  # printed as the scheduler does; the main program goes on
        sys.print_exception(e)
        runaway_note()


def runaway_note():
    # After a KeyboardInterrupt from the runaway watchdog, the console says why.
    note = _board.runaway_note()
    if note:
        print(note)


def _special(addr, cap):
    while True:
        kind = _kind()
        if kind == _RUN_CALLBACK:
            _run_callback(_arg())
            r = _call(_CB_DONE, None, None, None, None, addr, cap)
            if type(r) is _JsProxy:
                continue
            return r
        if kind == _ERROR:
            cls = _ERRORS.get(_arg(), RuntimeError)
            v = _arg2()
            raise cls() if v is None else cls(v)
        if kind == _INTERRUPT:
            raise KeyboardInterrupt
        # EXIT: the kernel poisoned our pending exception; the next backward jump traps.
        while True:
            pass


def call(op, a=None, b=None, c=None, d=None):
    r = _call(op, a, b, c, d, 0, 0)
    if type(r) is _JsProxy:
        return _special(0, 0)
    return r


def call_into(buf, op, a=None, b=None, c=None):
    # A call whose reply is bytes: they land in buf; returns how many.
    addr = addressof(buf)
    r = _call(op, a, b, c, None, addr, len(buf))
    if type(r) is _JsProxy:
        return _special(addr, len(buf))
    return r


def send(op, a, data):
    r = _send(op, a, addressof(data), len(data))
    if type(r) is _JsProxy:
        return _special(0, 0)
    return r


def sleep_us(us):
    if us < 0:
        us = 0
    call(OP.SLEEP_US, us + _board.debt())


def clock_read():
    # Reading the clock takes a little virtual time; paid in one sleep per millisecond.
    if _board.charge():
        call(OP.SLEEP_US, _board.debt())
