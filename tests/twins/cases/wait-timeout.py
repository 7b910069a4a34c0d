import asyncio


async def fetch(delay):
    await asyncio.sleep(delay)
    print(f"fetch({delay}) done")
    return delay


async def main():
    tasks = [asyncio.create_task(fetch(d)) for d in (2, 1, 3)]
    done, pending = await asyncio.wait(tasks, timeout=1.5)
    print(f"after the timeout: {len(done)} done, {len(pending)} pending")
    # wait() does not cancel what is pending: those tasks keep running.
    await asyncio.wait(pending)
    print(f"all done: total {sum(t.result() for t in tasks)}")


asyncio.run(main())
