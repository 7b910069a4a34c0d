import asyncio


async def main():
    try:
        async with asyncio.timeout(1):
            print("block: start")
            try:
                await asyncio.sleep(5)
            finally:
                print("block: cleanup")
    except asyncio.TimeoutError:
        print("main: timed out")
    async with asyncio.timeout(2):
        await asyncio.sleep(1)
        print("block 2: finished in time")
    print("main: end")


asyncio.run(main())
