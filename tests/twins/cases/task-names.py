import asyncio


async def show():
    print(f"running in {asyncio.current_task().get_name()}")


async def main():
    print(f"main runs in {asyncio.current_task().get_name()}")
    first = asyncio.create_task(show())
    second = asyncio.create_task(show(), name="worker")
    await asyncio.gather(first, second)
    print(f"names: {first.get_name()}, {second.get_name()}")


asyncio.run(main())
