import asyncio


async def inner():
    await asyncio.sleep(10)


async def worker():
    try:
        await inner()
    except asyncio.CancelledError:
        print("cleaning up")
        await asyncio.sleep(0.5)
        print("cleaned up")
        raise


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    task.cancel()
    task.cancel()
    print(f"cancelling: {task.cancelling()}")
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled:", "yes" if task.cancelled() else "no")

    async def nested():
        try:
            async with asyncio.timeout(2):
                async with asyncio.timeout(2):
                    await asyncio.sleep(3)
        except TimeoutError:
            print("outer timeout")
        await asyncio.sleep(0.25)
        print("still running")

    await nested()


asyncio.run(main())
