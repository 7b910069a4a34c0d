import asyncio


async def operation(name, duration):
    try:
        print(f"{name}: working")
        await asyncio.sleep(duration)
        print(f"{name}: finished")
        return f"{name} result"
    finally:
        print(f"{name}: cleaning up")


async def main():
    result = await asyncio.wait_for(operation("fast", 0.5), timeout=1)
    print(f"main: got {result}")
    try:
        await asyncio.wait_for(operation("slow", 5), timeout=1)
    except asyncio.TimeoutError:
        print("main: slow timed out")


asyncio.run(main())
