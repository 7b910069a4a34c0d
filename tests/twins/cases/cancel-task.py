import asyncio


async def worker():
    try:
        print("worker: sleeping")
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker: cancelled")
        raise
    finally:
        print("worker: cleanup")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    task.cancel()
    print("main: cancel requested")
    try:
        await task
    except asyncio.CancelledError:
        print("main: task is cancelled" if task.cancelled() else "main: ?")


asyncio.run(main())
