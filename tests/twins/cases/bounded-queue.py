import asyncio


async def producer(queue):
    for i in range(1, 4):
        print(f"putting {i}")
        await queue.put(i)
        print(f"put {i}")
    try:
        queue.put_nowait(4)
        queue.put_nowait(5)
    except asyncio.QueueFull:
        print("queue full")


async def main():
    queue = asyncio.Queue(maxsize=1)
    task = asyncio.create_task(producer(queue))
    for _ in range(3):
        await asyncio.sleep(1)
        print(f"got {queue.get_nowait()}")
    await task
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print("queue empty")


asyncio.run(main())
