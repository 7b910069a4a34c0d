import asyncio


async def job(n, sem):
    async with sem:
        print(f"job {n}: start")
        await asyncio.sleep(1)
        print(f"job {n}: end")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(job(n, sem) for n in range(1, 6)))


asyncio.run(main())
