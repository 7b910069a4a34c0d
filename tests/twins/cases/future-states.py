import asyncio


async def self_cancel_then_return():
    asyncio.current_task().cancel("me")
    print("self-cancel: returning anyway")
    return "value"


async def self_cancel_then_await():
    asyncio.current_task().cancel()
    try:
        await asyncio.sleep(0)
        print("self-cancel-await: not reached")
    except asyncio.CancelledError:
        print("self-cancel-await: cancelled at the next await")
        raise


async def never_started():
    print("never_started: not reached")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for op in ("result", "exception"):
        try:
            getattr(fut, op)()
        except asyncio.InvalidStateError as e:
            print(f"pending {op}(): InvalidStateError: {e}")
    fut.add_done_callback(lambda f: print(f"callback 1: cancelled={f.cancelled()}"))
    fut.add_done_callback(lambda f: print("callback 2"))
    print(f"cancel -> {fut.cancel('why')}, again -> {fut.cancel()}")
    print("callbacks have not run yet")
    try:
        fut.exception()
    except asyncio.CancelledError as e:
        print(f"cancelled exception(): CancelledError {str(e)!r}")
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        print("set_result on a cancelled future: InvalidStateError")
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print("callback 3, added when done"))
    print("callback 3 not run yet")
    await asyncio.sleep(0)

    fut = loop.create_future()
    fut.set_exception(ValueError("bad"))
    print(f"exception() -> {fut.exception()!r}, done={fut.done()}")
    cb = lambda f: print("never")
    fut2 = loop.create_future()
    fut2.add_done_callback(cb)
    fut2.add_done_callback(cb)
    print(f"remove_done_callback -> {fut2.remove_done_callback(cb)}")
    fut2.set_result(None)

    task = asyncio.create_task(self_cancel_then_return())
    try:
        await task
    except asyncio.CancelledError as e:
        print(f"main: the returning task ended cancelled={task.cancelled()}, {str(e)!r}")
    task = asyncio.create_task(self_cancel_then_await())
    await asyncio.wait([task])
    print(f"main: cancelled={task.cancelled()}")
    task = asyncio.create_task(never_started())
    print(f"main: cancel before start -> {task.cancel()}")
    await asyncio.sleep(0)
    print(f"main: never_started cancelled={task.cancelled()}, cancel now -> {task.cancel()}")


asyncio.run(main())
