# Runs once per boot: installs the board's modules, then boot.py and main.py as the ESP32
# firmware does, then sits at the REPL running timer and pin callbacks.
import sys
import _board
import _rt
import _time
import _os
import _files  # noqa: keeps what the program writes
import random

sys.modules["time"] = _time
sys.modules["utime"] = _time
sys.modules["os"] = _os
sys.modules["uos"] = _os
random.seed(_board.seed)

BANNER = (
    "MicroPython v1.27.0 on 2025-12-10; Generic ESP32 module with ESP32\n"
    + 'Type "help()" for more information.'
)

_main = {"__name__": "__main__"}


def _exists(path):
    try:
        open(path).close()
        return True
    except OSError:
        return False


def _run(path):
    # True when the program asked for a soft reset (sys.exit() in main.py does that).
    if not _exists(path):
        return False
    try:
        with open(path) as f:
            src = f.read()
        exec(compile(src, path, "exec"), _main)
    except SystemExit:
        return True
    except BaseException as e:
        sys.print_exception(e)
        _rt.runaway_note()
    return False


def _main_loop():
    if _run("boot.py"):
        _rt.call(_rt.OP.RESET, True)
    if _run("main.py"):
        _rt.call(_rt.OP.RESET, True)
    print(BANNER)
    sys.stdout.write(">>> ")
    while True:
        try:
            line = _rt.call(_rt.OP.IDLE)  # a line typed at the REPL, if any
        except KeyboardInterrupt:
            sys.stdout.write("\n>>> ")
            continue
        print(line.replace("\n", "\n... "))  # the REPL echoes what is typed
        _repl(line)
        sys.stdout.write(">>> ")


def _repl(text):
    try:
        mode = "single" if "\n" not in text.strip() else "exec"
        exec(compile(text + "\n", "<stdin>", mode), _main)
    except SystemExit:
        _rt.call(_rt.OP.RESET, True)
    except BaseException as e:
        sys.print_exception(e)
        _rt.runaway_note()


_main_loop()
