import asyncio


async def main():
    cond = asyncio.Condition()
    state = {"level": 0}

    async def watcher(name, threshold):
        async with cond:
            print(f"{name}: waiting for level >= {threshold}")
            result = await cond.wait_for(lambda: state["level"] >= threshold and state["level"])
            print(f"{name}: saw level {result}, locked={cond.locked()}")
            await asyncio.sleep(0.25)
            print(f"{name}: releasing")

    async def impatient():
        async with cond:
            try:
                await asyncio.wait_for(cond.wait(), timeout=0.5)
            except asyncio.TimeoutError:
                print(f"impatient: gave up, holds the lock again: {cond.locked()}")

    watchers = [asyncio.create_task(watcher(n, t)) for n, t in [("w1", 2), ("w2", 1), ("w3", 3), ("w4", 2)]]
    waiting = asyncio.create_task(impatient())
    for level in (1, 2, 3):
        await asyncio.sleep(1)
        async with cond:
            state["level"] = level
            print(f"main: level {level}, notify_all")
            cond.notify_all()
        print("main: released")
    await asyncio.gather(*watchers, waiting)

    async with cond:
        try:
            cond.notify(-1)
            print("main: notify(-1) is allowed")
        except ValueError as e:
            print(f"main: {e}")
    try:
        cond.notify()
    except RuntimeError as e:
        print(f"main: RuntimeError: {e}")


asyncio.run(main())
