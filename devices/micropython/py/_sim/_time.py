# time / utime on the board: virtual time of the world. Sleeping is a blocking call to
# the kernel; reading the clock is local (the time only moves while we wait).
import _board
import _rt

_bt = __import__("time")  # the interpreter's own module, for ticks_add/diff and gmtime
# The ESP32's epoch is 2000-01-01; the interpreter here counts from 1970.
_EPOCH_SHIFT = 946684800 if _bt.gmtime(0)[0] == 1970 else 0

ticks_add = _bt.ticks_add
ticks_diff = _bt.ticks_diff


def sleep(seconds):
    _rt.sleep_us(int(seconds * 1000000))


def sleep_ms(ms):
    _rt.sleep_us(int(ms) * 1000)


def sleep_us(us):
    _rt.sleep_us(int(us))


def ticks_ms():
    _rt.clock_read()
    return _board.ticks_ms()


def ticks_us():
    _rt.clock_read()
    return _board.ticks_us()


ticks_cpu = ticks_us


def time():
    # Seconds since 2000-01-01: the RTC starts there at power-on (no NTP here).
    _rt.clock_read()
    return _board.time_s()


def time_ns():
    _rt.clock_read()
    return _board.time_ns_ms() * 1000000


def gmtime(secs=None):
    if secs is None:
        secs = time()
    return _bt.gmtime(secs + _EPOCH_SHIFT)


localtime = gmtime


def mktime(t):
    return _bt.mktime(t) - _EPOCH_SHIFT
