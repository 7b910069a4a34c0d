import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name}: finished")
    return name


async def main():
    tasks = [asyncio.create_task(job(n, d)) for n, d in [("slow", 3), ("fast", 0.5), ("mid", 1), ("mid2", 1)]]
    got = 0
    try:
        for next_done in asyncio.as_completed(tasks, timeout=2):
            print(f"main: got {await next_done}")
            got += 1
    except asyncio.TimeoutError:
        print(f"main: timed out after {got} results")
    print("main: pending " + ", ".join(t.get_coro().__name__ + ":" + str(t.done()) for t in tasks))
    await asyncio.sleep(2)
    print(f"main: slow done={tasks[0].done()} result={tasks[0].result()}")

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.25, fut.set_result, "from a future")
    for next_done in asyncio.as_completed([job("coro", 0.5), fut]):
        print(f"main: got {await next_done}")


asyncio.run(main())
