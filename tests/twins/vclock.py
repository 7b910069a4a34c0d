"""Run a Python asyncio program on a virtual clock, with asyncio's own scheduling.

    python3 tests/twins/vclock.py program.py [args...]

The program runs as __main__ on an unmodified CPython event loop; only the clock
is replaced. `await asyncio.sleep(1)` returns at once but the loop now reads
t=1.000, so output is deterministic and the twin tests can use CPython as the
oracle for the TypeScript runtime.

What is patched, and why that is enough:
- The loop's selector never waits. asyncio's BaseEventLoop._run_once
  (base_events.py) computes how long it may block - 0 if callbacks are ready,
  else the time until the earliest timer - and calls selector.select(timeout).
  Our select() moves the clock forward by that timeout instead of sleeping.
  Everything else (the ready deque, the timer heap, how due timers are popped
  with the loop's clock resolution) is CPython's code, untouched.
- time.time/monotonic/perf_counter read the virtual clock; time.sleep advances
  it, so a blocking sleep holds up the whole loop as it would for real.
- Each printed line goes to stdout as `[1.500s] text`, stamped with the virtual
  time at which the line was begun. stderr is left as it is.
- With VCLOCK_STEPS=FILE in the environment, every handle _run_once takes off
  the ready deque is also written to FILE as one JSON line: the clock, the
  handle, and what is left in the ready deque (see RecordingDeque). What the
  program prints does not change.

The virtual selector has no I/O: sockets, subprocesses and threads that call
back into the loop are not supported. If the loop would wait forever (nothing
ready, no timer), that is a deadlock: it is reported on stderr and the run
exits with status 1, as are the horizon guards below.
"""

import asyncio
import collections
import decimal
import functools
import json
import os
import runpy
import selectors
import sys
import time
import traceback

HORIZON = 3600.0  # seconds of virtual time a program may use
MAX_TICKS = 1_000_000  # loop iterations; catches `while True: await sleep(0)`
EPOCH = 1_700_000_000.0  # time.time() at virtual t=0, for a stable wall clock
# What _run_once adds to "now" when popping due timers. CPython reads it from
# time.get_clock_info('monotonic'), which varies by OS; pin the Linux/macOS
# value so the oracle does not depend on the machine that runs it.
CLOCK_RESOLUTION = 1e-09


class VirtualClock:
    """Seconds since the program started, moved only by the loop and time.sleep."""

    def __init__(self):
        self.now = 0.0

    def advance_to(self, t, why):
        if t > HORIZON:
            abort("HorizonError", f"{why} would move virtual time to {t:.3f}s, "
                  f"past the {HORIZON:.0f}s horizon; the program is probably "
                  "waiting on a timer it does not need, or looping forever")
        self.now = max(self.now, t)


clock = VirtualClock()


def abort(name, message):
    """Stop at once: finally blocks must not run after a deadlock or a guard."""
    stamped_stdout.flush_partial_line()
    sys.stdout.flush()
    sys.stderr.write(f"{name}: {message}\n")
    sys.stderr.flush()
    os._exit(1)


class VirtualSelector(selectors.DefaultSelector):
    """Keeps the real selector's registry (the loop's self-pipe registers here)
    but never polls it: select() only advances the virtual clock."""

    def __init__(self):
        super().__init__()
        self.loop = None  # set by VirtualClockEventLoop
        self.ticks = 0

    def select(self, timeout=None):
        self.ticks += 1
        if self.ticks > MAX_TICKS:
            abort("HorizonError", f"aborting after {MAX_TICKS:,} event-loop "
                  f"iterations at t={clock.now:.3f}s, assuming a busy loop "
                  "(a task that awaits sleep(0) forever?)")
        if timeout is None:
            abort("DeadlockError", f"at t={clock.now:.3f}s the event loop has "
                  "nothing ready and no timer scheduled, so nothing can ever "
                  "wake it. Pending tasks:" + describe_pending(self.loop))
        if timeout > 0:
            # _run_once computed timeout = when - time() for the earliest timer
            # (cancelled ones already dropped from the heap's head). Jump to
            # that deadline exactly rather than to now + (when - now), which
            # can be off by one ulp; a real loop would wake at or after it.
            scheduled = self.loop._scheduled
            if scheduled and timeout < asyncio.base_events.MAXIMUM_SELECT_TIMEOUT:
                target = scheduled[0]._when
            else:
                target = clock.now + timeout
            clock.advance_to(target, "the event loop's next timer")
        return []


def describe_pending(loop):
    tasks = asyncio.all_tasks(loop) if loop is not None else set()
    return "".join(f"\n  {task!r}" for task in
                   sorted(tasks, key=lambda t: t.get_name())) or " none"


def handle_label(handle):
    """A handle as the course's stepper names it: a task's step by the task's
    name; asyncio's plumbing in a few fixed words; a callback by its function."""
    callback = handle._callback
    while isinstance(callback, functools.partial):
        callback = callback.func
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        return {"kind": "task", "name": owner.get_name()}
    name = getattr(callback, "__qualname__", None) or type(callback).__name__
    for words, plumbing in PLUMBING.items():
        if name == words or name.endswith("." + words):
            return {"kind": "plumbing", "name": plumbing}
    name = getattr(callback, "__name__", name)
    return {"kind": "callback", "name": "anonymous function" if name == "<lambda>" else name}


# asyncio's own callbacks, by qualified name, in the stepper's words.
PLUMBING = {
    "_set_result_unless_cancelled": "sleep",
    "_run_until_complete_cb": "run",
    "gather.<locals>._done_callback": "gather",
    "Timeout._on_timeout": "timeout",
    "_release_waiter": "wait timeout",
    "_wait.<locals>._on_completion": "wait",
    "as_completed.<locals>._on_completion": "as_completed",
    "as_completed.<locals>._on_timeout": "as_completed timeout",
    "TaskGroup._on_task_done": "task group",
    "shield.<locals>._inner_done_callback": "shield",
    "shield.<locals>._outer_done_callback": "shield",
}


class RecordingDeque(collections.deque):
    """The loop's ready deque, writing down each handle as _run_once pops it:
    (clock, the handle, the handles still queued behind it). Cancelled handles,
    which _run_once skips, are left out."""

    def __init__(self, out):
        super().__init__()
        self.out = out

    def popleft(self):
        handle = super().popleft()
        if not handle._cancelled:
            step = {
                "t": clock.now,
                "run": handle_label(handle),
                "ready": [handle_label(h) for h in self if not h._cancelled],
            }
            self.out.write(json.dumps(step) + "\n")
            self.out.flush()
        return handle


steps_file = None


class VirtualClockEventLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = CLOCK_RESOLUTION
        if steps_file is not None:
            self._ready = RecordingDeque(steps_file)

    def time(self):
        return clock.now


class VirtualClockPolicy(asyncio.DefaultEventLoopPolicy):
    """Makes asyncio.run, new_event_loop and get_event_loop build our loop."""
    _loop_factory = VirtualClockEventLoop


def virtual_sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    clock.advance_to(clock.now + seconds, f"time.sleep({seconds})")


def patch_time():
    time.sleep = virtual_sleep
    time.monotonic = time.perf_counter = lambda: clock.now
    time.time = lambda: EPOCH + clock.now
    time.monotonic_ns = time.perf_counter_ns = lambda: round(clock.now * 1e9)
    time.time_ns = lambda: round((EPOCH + clock.now) * 1e9)


def format_time(t):
    """`1.500`, rounding halves up like JavaScript's toFixed(3) so that both
    runtimes stamp lines alike (Python's format rounds half to even)."""
    exact = decimal.Decimal(t)  # a float converts exactly
    return str(exact.quantize(decimal.Decimal("0.001"), decimal.ROUND_HALF_UP))


class StampedStdout:
    """A text stream that prefixes each line with the virtual time it began at."""

    def __init__(self, out):
        self.out = out
        self.partial = None  # (time, text) of a line not yet ended

    def write(self, text):
        *lines, rest = text.split("\n")
        for line in lines:
            self.emit(line)
        if rest:
            t, begun = self.partial or (clock.now, "")
            self.partial = (t, begun + rest)
        return len(text)

    def emit(self, line):
        t, begun = self.partial or (clock.now, "")
        self.partial = None
        # Flushed per line so that stdout and stderr interleave in a terminal.
        self.out.write(f"[{format_time(t)}s] {begun}{line}\n")
        self.out.flush()

    def flush_partial_line(self):
        if self.partial:
            self.emit("")

    def flush(self):
        self.out.flush()

    def isatty(self):
        return False

    @property
    def encoding(self):
        return self.out.encoding


stamped_stdout = StampedStdout(sys.stdout)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: python3 vclock.py program.py [args...]")
    path = sys.argv[1]
    sys.argv = sys.argv[1:]
    global steps_file
    if os.environ.get("VCLOCK_STEPS"):
        steps_file = open(os.environ["VCLOCK_STEPS"], "w", encoding="utf8")
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    asyncio.set_event_loop_policy(VirtualClockPolicy())
    patch_time()
    sys.stdout = stamped_stdout
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit:
        raise
    except BaseException as exc:
        stamped_stdout.flush_partial_line()
        # Show the traceback from the program's own frames, not ours or runpy's.
        tb = exc.__traceback__
        while tb and tb.tb_frame.f_code.co_filename != path:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
        sys.exit(1)
    finally:
        stamped_stdout.flush_partial_line()


if __name__ == "__main__":
    main()
