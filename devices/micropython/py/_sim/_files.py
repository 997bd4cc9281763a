# Files the program writes stay on the board's flash across resets, as on the ESP32: a
# file written here is handed to the kernel when it is closed (and removals, renames).
import builtins
import _rt

_OP = _rt.OP
_open = builtins.open


def _path(p):
    return p[1:] if p.startswith("/") else p


class _Written:
    # The interpreter's file object, plus: closing it keeps the file.
    def __init__(self, f, path):
        self._f = f
        self._path = path

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __iter__(self):
        return iter(self._f)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def close(self):
        if self._f is None:
            return
        self._f.close()
        self._f = None
        with _open(self._path, "rb") as f:
            data = f.read()
        _rt.send(_OP.FILE_PUT, _path(self._path), data)


def open(file, mode="r", *args, **kwargs):
    f = _open(file, mode, *args, **kwargs)
    if isinstance(file, str) and any(c in mode for c in "wax+"):
        return _Written(f, file)
    return f


builtins.open = open


def removed(path):
    _rt.call(_OP.FILE_REMOVE, _path(path))


def renamed(old, new):
    _rt.call(_OP.FILE_RENAME, _path(old), _path(new))
