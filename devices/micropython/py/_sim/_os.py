# os on the board: the interpreter's own, with the root listing the board's files only
# (the runtime's /_sim and the host's /proc are not on an ESP32's flash).
import os as _os
import _files
from os import *  # noqa

_HIDDEN = ("_sim", "proc")


def _hidden(path):
    # True when path names the root directory
    return path == "/" or (path == "" and getcwd() == "/")


def listdir(path=""):
    names = _os.listdir(path) if path else _os.listdir()
    if _hidden(path):
        names = [n for n in names if n not in _HIDDEN]
    return names


def ilistdir(path=""):
    for entry in _os.ilistdir(path) if path else _os.ilistdir():
        if _hidden(path) and entry[0] in _HIDDEN:
            continue
        yield entry


def remove(path):
    _os.remove(path)
    _files.removed(path)


def rename(old, new):
    _os.rename(old, new)
    _files.renamed(old, new)
