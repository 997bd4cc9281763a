# socket / usocket: lwIP sockets of the esp32 port over the virtual network. Blocking,
# timeouts and non-blocking mode as on the board; errors are OSError(errno).
import _board
import _rt

_OP = _rt.OP
_CHUNK = 32 * 1024
_EAGAIN = 11
_EBADF = 9
_ETIMEDOUT = 116

AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 4095
SO_REUSEADDR = 4
TCP_NODELAY = 1


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    ip = _rt.call(_OP.GETADDRINFO, host)
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (ip, port))]


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=IPPROTO_TCP):
        if type != SOCK_STREAM:
            raise OSError(95)  # EOPNOTSUPP: only TCP on this board's network
        self._fd = _rt.call(_OP.SOCK_NEW)
        self._timeout_us = -1  # -1: blocking, 0: non-blocking, else microseconds

    def __repr__(self):
        return "<socket state=%d timeout=%d incoming=0 off=0>" % (
            2 if self._fd is not None else 0,
            self._timeout_us // 1000 if self._timeout_us > 0 else self._timeout_us,
        )

    def settimeout(self, value):
        if value is None:
            self._timeout_us = -1
        else:
            self._timeout_us = int(value * 1000000)

    def setblocking(self, flag):
        self._timeout_us = -1 if flag else 0

    def setsockopt(self, level, optname, value):
        pass

    def fileno(self):
        return self._fd

    def _fileno(self):
        if self._fd is None:
            raise OSError(_EBADF)  # closed, as lwIP says
        return self._fd

    def connect(self, address):
        self._fileno()
        _rt.call(_OP.SOCK_CONNECT, self._fd, address[0], address[1], self._timeout_us)

    def write(self, buf, n=None):
        if isinstance(buf, str):
            buf = buf.encode()
        mv = memoryview(buf)
        if n is not None:
            mv = mv[:n]
        total = len(mv)
        self._fileno()
        sent = 0
        while sent < total:
            part = bytes(mv[sent : sent + _CHUNK])
            sent += _rt.send(_OP.SOCK_SEND, self._fd, part)
        return total

    send = write

    def sendall(self, buf):
        self.write(buf)

    def recv(self, n):
        self._fileno()
        if self._timeout_us == 0 and _board.quiet(self._fd):
            raise OSError(_EAGAIN)
        buf = bytearray(min(n, _CHUNK))
        k = _rt.call_into(buf, _OP.SOCK_RECV, self._fd, len(buf), self._timeout_us)
        return bytes(buf[:k])

    def read(self, n=-1):
        # Stream semantics: a blocking read(n) gathers n bytes unless the stream ends; a
        # non-blocking read with nothing there returns None.
        if self._timeout_us == 0 and _board.quiet(self._fileno()):
            return None  # check_msg()'s usual case: nothing came, no call needed
        out = bytearray()
        while n < 0 or len(out) < n:
            try:
                part = self.recv(_CHUNK if n < 0 else n - len(out))
            except OSError as e:
                if e.errno == _EAGAIN and self._timeout_us == 0:
                    if not out:
                        return None
                    break
                if e.errno == _ETIMEDOUT and out:
                    break
                raise
            if not part:
                break
            out.extend(part)
            if self._timeout_us == 0:
                break
        return bytes(out)

    def readinto(self, buf, nbytes=None):
        data = self.read(len(buf) if nbytes is None else nbytes)
        if data is None:
            return None
        buf[: len(data)] = data
        return len(data)

    def readline(self):
        out = bytearray()
        while not out.endswith(b"\n"):
            c = self.read(1)
            if not c:
                break
            out.extend(c)
        return bytes(out)

    def makefile(self, mode="rb", buffering=0):
        return self

    def close(self):
        if self._fd is not None:
            _rt.call(_OP.SOCK_CLOSE, self._fd)
            self._fd = None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
