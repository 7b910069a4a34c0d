import asyncio
import time


async def ticker():
    for i in range(4):
        print(f"tick {i}")
        await asyncio.sleep(0.5)


async def blocker():
    print("blocker: time.sleep(1) blocks the whole loop")
    time.sleep(1)
    print("blocker: asyncio.sleep(1) lets others run")
    await asyncio.sleep(1)
    print("blocker: done")


async def main():
    await asyncio.gather(ticker(), blocker())


asyncio.run(main())
