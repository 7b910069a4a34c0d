import asyncio


class WorkError(Exception):
    pass


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise WorkError(f"{name} failed")
    print(f"{name}: done")
    return name


async def main():
    try:
        await asyncio.gather(work("a", 1), work("b", 0.5, fail=True), work("c", 2))
    except WorkError as e:
        print(f"main: caught {e}")
    # gather does not cancel the other children: they keep running.
    await asyncio.sleep(3)
    print("main: end")


asyncio.run(main())
