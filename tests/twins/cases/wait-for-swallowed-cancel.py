import asyncio


async def stubborn(name):
    try:
        print(f"{name}: started")
        await asyncio.sleep(5)
        return "finished"
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        await asyncio.sleep(0.5)
        print(f"{name}: returning anyway")
        return f"{name} late value"


async def broken_cleanup():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        await asyncio.sleep(0.25)
        raise ValueError("cleanup failed")


async def main():
    result = await asyncio.wait_for(stubborn("a"), timeout=1)
    print(f"main: wait_for returned {result}")
    try:
        await asyncio.wait_for(broken_cleanup(), timeout=1)
    except Exception as e:
        print(f"main: {type(e).__name__}: {e}")
    try:
        result = await asyncio.wait_for(stubborn("b"), timeout=0)
        print(f"main: timeout=0 returned {result}")
    except asyncio.TimeoutError:
        print("main: timeout=0 raised TimeoutError")
    result = await asyncio.wait_for(stubborn("c"), timeout=None)
    print(f"main: timeout=None returned {result}")


asyncio.run(main())
