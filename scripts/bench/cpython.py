"""Times one workload on CPython's asyncio with the virtual clock of the twin tests.

    python3 scripts/bench/cpython.py workload.py   -> prints the seconds it took
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "twins"))
import asyncio  # noqa: E402
import vclock  # noqa: E402

# The benchmark is long on purpose: lift the guards that protect lessons from runaways.
vclock.MAX_TICKS = 10**12
vclock.HORIZON = 1e12
asyncio.set_event_loop_policy(vclock.VirtualClockPolicy())

source = open(sys.argv[1]).read()
code = compile(source, sys.argv[1], "exec")
started = time.perf_counter()
exec(code, {"__name__": "__main__"})
print(time.perf_counter() - started)
