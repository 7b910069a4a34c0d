import asyncio


class WorkError(Exception):
    pass


async def work(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise WorkError(f"{name} failed")
        print(f"{name}: done")
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(work("a", 0.5))
            tg.create_task(work("b", 1, fail=True))
            tg.create_task(work("c", 2))
        print("main: not reached")
    except* WorkError as group:
        for e in group.exceptions:
            print(f"main: caught {e}")


asyncio.run(main())
