# machine: Pin, Timer, reset, soft_reset, unique_id, freq, as on the esp32 port; the pins
# and timers themselves live in the board model.
import _rt

_OP = _rt.OP


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1
    IRQ_RISING = 1
    IRQ_FALLING = 2

    def __init__(self, id, mode=None, pull=None, value=None):
        self._id = id
        _rt.call(_OP.PIN_INIT, id, mode, pull, value)

    def init(self, mode=None, pull=None, value=None):
        _rt.call(_OP.PIN_INIT, self._id, mode, pull, value)

    def value(self, v=None):
        if v is None:
            return _rt.call(_OP.PIN_READ, self._id)
        _rt.call(_OP.PIN_WRITE, self._id, 1 if v else 0)

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        _rt.call(_OP.PIN_WRITE, self._id, 1)

    def off(self):
        _rt.call(_OP.PIN_WRITE, self._id, 0)

    def irq(self, handler=None, trigger=3):
        cb = None if handler is None else _rt.register(handler, self)
        _rt.call(_OP.PIN_IRQ, self._id, trigger, cb)

    def __repr__(self):
        return "Pin(%d)" % self._id


class Timer:
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id, *args, **kwargs):
        self._id = id
        if args or kwargs:
            self.init(*args, **kwargs)

    def init(self, mode=PERIODIC, period=-1, callback=None, freq=-1):
        if freq > 0:
            period_us = int(1000000 / freq)
        else:
            period_us = int(period * 1000)
        cb = None if callback is None else _rt.register(callback, self)
        _rt.call(_OP.TIMER_INIT, self._id, mode, period_us, cb)

    def deinit(self):
        _rt.call(_OP.TIMER_DEINIT, self._id)

    def __repr__(self):
        return "Timer(%d)" % self._id


def reset():
    _rt.call(_OP.RESET, False)


def soft_reset():
    _rt.call(_OP.RESET, True)


def unique_id():
    buf = bytearray(6)
    n = _rt.call_into(buf, _OP.UNIQUE_ID)
    return bytes(buf[:n])


def freq(hz=None):
    if hz is None:
        return 160000000


def idle():
    _rt.sleep_us(1000)


def lightsleep(ms=None):
    _rt.sleep_us(ms * 1000 if ms is not None else 2**62)


deepsleep = lightsleep
