import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for n in range(1, 4):
        loop.call_later(1, print, f"timer {n}")
    await asyncio.sleep(2)
    for n in range(1, 8):
        loop.call_later(1, print, f"timer {n}")
    await asyncio.sleep(2)


asyncio.run(main())
