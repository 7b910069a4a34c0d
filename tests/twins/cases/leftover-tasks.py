import asyncio


async def background(name, delay):
    try:
        print(f"{name}: started")
        await asyncio.sleep(delay)
        print(f"{name}: finished")
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        raise
    finally:
        print(f"{name}: finally")


async def main():
    tasks = [
        asyncio.create_task(background("short", 0.5)),
        asyncio.create_task(background("long", 10)),
    ]
    await asyncio.sleep(1)
    print(f"main: returning with {sum(not t.done() for t in tasks)} task still pending")


asyncio.run(main())
