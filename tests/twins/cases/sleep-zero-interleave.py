import asyncio


async def count(name):
    for i in range(3):
        print(f"{name} {i}")
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(count("a"))
    b = asyncio.create_task(count("b"))
    print("main: tasks created")
    await a
    print("main: a finished")
    await b
    print("main: b finished")


asyncio.run(main())
