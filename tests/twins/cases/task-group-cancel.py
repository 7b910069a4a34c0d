import asyncio


async def child(name, delay, cleanup_error=False):
    try:
        await asyncio.sleep(delay)
        print(f"{name}: done")
    except asyncio.CancelledError:
        # A TaskGroup cancels its children in set order (by address in CPython):
        # distinct cleanup times keep the output independent of that order.
        await asyncio.sleep(0.2 + 0.05 * (ord(name) - ord("a")))
        print(f"{name}: cancelled")
        if cleanup_error:
            raise ValueError(f"{name} cleanup failed")
        raise


async def quitter():
    await asyncio.sleep(0.5)
    print("quitter: cancels itself")
    raise asyncio.CancelledError()


def show(eg):
    inner = ", ".join(f"{type(e).__name__}({e})" for e in eg.exceptions)
    print(f"main: {type(eg).__name__}: {eg} [{inner}]")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("a", 5, cleanup_error=True))
            tg.create_task(child("b", 5))
            await asyncio.sleep(1)
            print("body: raising")
            raise KeyError("body")
    except BaseExceptionGroup as eg:
        show(eg)

    async with asyncio.TaskGroup() as tg:
        tg.create_task(quitter())
        tg.create_task(child("c", 1))
    print("main: a child's own CancelledError does not abort the group")

    async def wrapper(cleanup_error):
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("d", 5, cleanup_error))
            tg.create_task(child("e", 5))
        print("wrapper: not reached")

    for cleanup_error in (False, True):
        task = asyncio.create_task(wrapper(cleanup_error))
        await asyncio.sleep(1)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print(f"main: wrapper cancelled={task.cancelled()}")
        except BaseExceptionGroup as eg:
            show(eg)
            print(f"main: wrapper cancelled={task.cancelled()}")


asyncio.run(main())
