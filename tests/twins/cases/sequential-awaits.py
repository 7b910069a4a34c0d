import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print("started")
    await say_after(1, "hello")
    await say_after(2, "world")
    print("finished")


asyncio.run(main())
