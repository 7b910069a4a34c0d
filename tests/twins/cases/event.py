import asyncio


async def waiter(name, event):
    print(f"{name}: waiting")
    await event.wait()
    print(f"{name}: go")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2")]
    await asyncio.sleep(1)
    print("main: setting the event")
    event.set()
    await asyncio.gather(*tasks)
    await event.wait()
    print("main: wait() on a set event returns at once")


asyncio.run(main())
