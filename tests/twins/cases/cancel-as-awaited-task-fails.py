import asyncio


async def boom(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"{name} failed")


async def inner(task):
    await task


async def catcher(task):
    try:
        await inner(task)
    except BaseException as e:
        print("catcher caught", type(e).__name__)
        raise


async def pack(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}: packed")


async def group_body_awaits_its_failing_child():
    try:
        async with asyncio.TaskGroup() as tg:
            await tg.create_task(pack("wheels", 1))
            await tg.create_task(boom("frame", 1))
            await tg.create_task(pack("bell", 1))
    except* ValueError as group:
        for e in group.exceptions:
            print("group failed:", e)
    await asyncio.sleep(1)
    print("after the group")


async def main():
    # The cancel request arrives in the same step as the failure it waits on:
    # the coroutine gets CancelledError, not the task's ValueError.
    a = asyncio.create_task(boom("a", 1))
    c = asyncio.create_task(catcher(a))
    a.add_done_callback(lambda _: c.cancel())
    b = asyncio.create_task(boom("b", 1))
    w = asyncio.create_task(inner(b))
    b.add_done_callback(lambda _: w.cancel())
    await asyncio.gather(a, b, c, w, return_exceptions=True)
    print("catcher cancelled:", c.cancelled())
    print("inner cancelled:", w.cancelled())
    await group_body_awaits_its_failing_child()


asyncio.run(main())
