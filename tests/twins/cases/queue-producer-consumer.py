import asyncio


async def producer(queue):
    for i in range(1, 5):
        await asyncio.sleep(0.4)
        await queue.put(i)
        print(f"put {i}")


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(f"{name} got {item}")
        await asyncio.sleep(1)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(n, queue)) for n in ("c1", "c2")]
    await producer(queue)
    await queue.join()
    print("all items processed")
    for c in consumers:
        c.cancel()


asyncio.run(main())
