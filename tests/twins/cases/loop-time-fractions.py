import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()

    def stamp(label):
        print(f"{label}: {loop.time()!r}")

    for _ in range(10):
        await asyncio.sleep(0.1)
    stamp("after 10 sleeps of 0.1")
    await asyncio.sleep(0.2)
    stamp("then 0.2 more")
    await asyncio.sleep(0.1 + 0.2)
    stamp("then 0.1 + 0.2")

    t0 = loop.time()
    loop.call_at(t0 + 0.3, stamp, "call_at t0 + 0.3")
    loop.call_later(0.1 + 0.2, stamp, "call_later 0.1 + 0.2")
    loop.call_later(0.3 + 5e-10, stamp, "call_later 0.3 + 5e-10 (within the clock resolution)")
    loop.call_later(0.3 + 3e-9, stamp, "call_later 0.3 + 3e-9")
    loop.call_later(0.29999999, stamp, "call_later 0.29999999")
    await asyncio.sleep(1)

    await asyncio.sleep(1e-10)
    stamp("after sleep(1e-10)")
    await asyncio.sleep(0)
    stamp("after sleep(0)")
    await asyncio.sleep(-1)
    stamp("after sleep(-1)")
    time.sleep(0.7)
    stamp("after time.sleep(0.7)")
    print(f"monotonic agrees: {time.monotonic() == loop.time()}")
    await asyncio.sleep(1 / 3)
    stamp("after sleep(1/3)")
    total = 0.0
    while total < 1:
        await asyncio.sleep(0.05)
        total += 0.05
    stamp(f"after sleeping 0.05 until the sum {total!r} reached 1")


asyncio.run(main())
