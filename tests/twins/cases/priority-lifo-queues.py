import asyncio


def fmt(item):
    if isinstance(item, tuple):
        return "(" + ", ".join(fmt(x) for x in item) + ")"
    return str(item)


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "z"), (2, "a"), (1.25, "y"), (0, (3, "x")), (0, (2, "z", 1)),
                 (0, (2, "z")), (-1.5, "neg"), (True, "true"), (1, "a"), (3,), (2, "a", 0)]:
        pq.put_nowait(item)
    print("priority: " + " ".join(fmt(pq.get_nowait()) for _ in range(pq.qsize())))
    try:
        pq.get_nowait()
    except asyncio.QueueEmpty:
        print("priority: empty")

    lq = asyncio.LifoQueue(maxsize=3)
    for n in range(3):
        lq.put_nowait(n)
    try:
        lq.put_nowait(99)
    except asyncio.QueueFull:
        print(f"lifo: full at {lq.qsize()}")
    print("lifo: " + " ".join(str(lq.get_nowait()) for _ in range(3)))

    async def getter(name, q):
        item = await q.get()
        print(f"{name}: got {fmt(item)}")

    getters = [asyncio.create_task(getter(f"g{n}", pq)) for n in range(3)]
    await asyncio.sleep(0)
    pq.put_nowait((5, "late"))
    pq.put_nowait((1, "early"))
    await asyncio.sleep(0.5)
    pq.put_nowait((3, "third"))
    await asyncio.gather(*getters)

    getters = [asyncio.create_task(getter(f"l{n}", lq)) for n in range(2)]
    await asyncio.sleep(0)
    for n in range(3):
        await lq.put(n)
    await asyncio.gather(*getters)
    print(f"lifo: left {lq.get_nowait()}")

    bounded = asyncio.PriorityQueue(maxsize=2)

    async def putter(item):
        await bounded.put(item)
        print(f"put {fmt(item)} at size {bounded.qsize()}")

    putters = [asyncio.create_task(putter((n, f"p{n}"))) for n in (4, 3, 2, 1)]
    await asyncio.sleep(1)
    while not bounded.empty() or not all(p.done() for p in putters):
        print(f"take {fmt(await bounded.get())}")
        await asyncio.sleep(0)


asyncio.run(main())
