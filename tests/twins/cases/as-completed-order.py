import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    first, second = asyncio.as_completed([fetch("slow", 2), fetch("fast", 1)])
    print("second:", await second)
    print("first:", await first)
    items = list(asyncio.as_completed([fetch("x", 3), fetch("y", 1), fetch("z", 2)]))
    for index in (2, 0, 1):
        print(index, await items[index])


asyncio.run(main())
