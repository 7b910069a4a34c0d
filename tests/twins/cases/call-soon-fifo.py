import asyncio


async def steps():
    for i in range(3):
        print(f"task step {i}")
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()

    def chain(n):
        print(f"callback {n}")
        if n < 3:
            loop.call_soon(chain, n + 1)

    loop.call_soon(chain, 1)
    task = asyncio.create_task(steps())
    print("main: awaiting the task")
    await task
    print("main: end")


asyncio.run(main())
