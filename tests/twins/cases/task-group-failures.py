import asyncio


async def fail(name, delay):
    await asyncio.sleep(delay)
    print(f"{name}: raising")
    raise ValueError(f"{name} failed")


async def slow_cleanup(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{name}: cleanup starts")
        await asyncio.sleep(0.5)
        print(f"{name}: cleanup ends")


# TaskGroup cancels its children in set order (by address in CPython), so only
# one child prints at the moment of cancellation; the others print after a sleep.
async def bad_cleanup(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.25)
        print(f"{name}: cancelled, fails in cleanup")
        raise KeyError(f"{name} cleanup")


def show(e, depth=0):
    pad = "  " * depth
    if isinstance(e, BaseExceptionGroup):
        print(f"{pad}{type(e).__name__}: {e}")
        for sub in e.exceptions:
            show(sub, depth + 1)
    else:
        print(f"{pad}{type(e).__name__}: {e.args[0]}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("b", 1))
            tg.create_task(slow_cleanup("c"))
            tg.create_task(fail("a", 1))
            tg.create_task(bad_cleanup("d"))
            print("body: sleeping")
            await asyncio.sleep(5)
            print("body: not reached")
    except BaseExceptionGroup as eg:
        show(eg)

    async def sub():
        async with asyncio.TaskGroup() as inner:
            inner.create_task(slow_cleanup("inner-c"))
            inner.create_task(fail("inner-a", 0.5))

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sub())
            tg.create_task(slow_cleanup("outer-c"))
            tg.create_task(fail("outer-a", 0.75))
    except BaseExceptionGroup as eg:
        show(eg)


asyncio.run(main())
