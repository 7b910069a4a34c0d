import asyncio


async def fn2():
    print("two")
    await asyncio.sleep(1)
    print("three")


async def main():
    print("one")
    task = asyncio.create_task(fn2())
    print("four")
    await asyncio.sleep(0.5)
    print("five")
    await task


asyncio.run(main())
