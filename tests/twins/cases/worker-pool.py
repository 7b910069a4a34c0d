import asyncio


async def worker(name, queue, log):
    try:
        while True:
            job, cost = await queue.get()
            print(f"{name}: start {job}")
            await asyncio.sleep(cost)
            log.append(job)
            print(f"{name}: end {job}")
            queue.task_done()
    except asyncio.CancelledError:
        print(f"{name}: cancelled while idle")
        raise


async def main():
    queue = asyncio.Queue()
    for n, cost in enumerate([0.3, 0.1, 0.2, 0.5, 0.1, 0.4, 0.2]):
        queue.put_nowait((f"job{n}", cost))
    log = []
    workers = [asyncio.create_task(worker(f"w{n}", queue, log)) for n in range(3)]
    await queue.join()
    print(f"main: joined, {len(log)} jobs, in order {' '.join(log)}")
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print("main: workers " + ", ".join(type(r).__name__ for r in results))
    try:
        queue.task_done()
    except ValueError as e:
        print("main: one task_done() too many raises ValueError")

    async def getter(name):
        try:
            print(f"{name}: got {await queue.get()}")
        except asyncio.CancelledError:
            print(f"{name}: cancelled")
            raise

    first = asyncio.create_task(getter("first"))
    second = asyncio.create_task(getter("second"))
    await asyncio.sleep(0)
    queue.put_nowait("the only item")
    first.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"main: second done={second.done()}, queue size={queue.qsize()}")
    try:
        await asyncio.wait_for(queue.join(), timeout=1)
    except asyncio.TimeoutError:
        print("main: join timed out, one task_done() missing")


asyncio.run(main())
