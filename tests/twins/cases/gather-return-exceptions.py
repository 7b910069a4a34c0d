import asyncio


class WorkError(Exception):
    pass


async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise WorkError(f"{name} failed")
    return f"{name} ok"


async def main():
    results = await asyncio.gather(
        work("a", 1), work("b", 0.5, fail=True), work("c", 2),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, WorkError):
            print(f"error: {result}")
        else:
            print(f"value: {result}")


asyncio.run(main())
