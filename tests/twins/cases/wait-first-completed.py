import asyncio


async def fetch(delay):
    await asyncio.sleep(delay)
    return f"after {delay}s"


async def main():
    tasks = [
        asyncio.create_task(fetch(d), name=n) for n, d in (("a", 3), ("b", 1), ("c", 2))
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"done: {len(done)}, pending: {len(pending)}")
    for task in tasks:
        if task in done:
            print(f"{task.get_name()}: {task.result()}")
        else:
            task.cancel()
    await asyncio.sleep(0)
    for task in tasks:
        print(f"{task.get_name()}: {'cancelled' if task.cancelled() else 'not cancelled'}")


asyncio.run(main())
