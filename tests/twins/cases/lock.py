import asyncio


async def use_resource(name, lock):
    print(f"{name}: waiting for the lock")
    async with lock:
        print(f"{name}: acquired")
        await asyncio.sleep(1)
        print(f"{name}: releasing")


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(use_resource(n, lock) for n in ("a", "b", "c")))


asyncio.run(main())
