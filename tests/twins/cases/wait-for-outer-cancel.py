import asyncio


async def inner():
    try:
        print("inner: working")
        await asyncio.sleep(10)
        return "inner result"
    except asyncio.CancelledError as e:
        print(f"inner: cancelled, message {str(e)!r}")
        raise
    finally:
        print("inner: cleanup begins")
        await asyncio.sleep(0.5)
        print("inner: cleanup ends")


async def outer():
    try:
        return await asyncio.wait_for(inner(), timeout=5)
    except asyncio.CancelledError as e:
        print(f"outer: cancelled, message {str(e)!r}")
        raise


async def main():
    task = asyncio.create_task(outer())
    await asyncio.sleep(1)
    print(f"main: cancel returns {task.cancel('stop now')}")
    try:
        await task
    except asyncio.CancelledError as e:
        print(f"main: task cancelled, message {str(e)!r}")
    print(f"main: cancelled()={task.cancelled()} done()={task.done()}")
    print(f"main: cancel again returns {task.cancel()}")


asyncio.run(main())
