import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fired = []

    def fire(label):
        fired.append(label)

    def flush(title):
        print(f"{title}: {' '.join(map(str, fired))}")
        fired.clear()

    handles = [loop.call_later(1, fire, n) for n in range(12)]
    for n in (0, 3, 7, 11):
        handles[n].cancel()
    await asyncio.sleep(2)
    flush("a")

    start = loop.time()
    handles = [loop.call_at(start + 1 + (n % 3) * 0.5, fire, n) for n in range(20)]
    for n in (1, 2, 9, 10):
        handles[n].cancel()
    await asyncio.sleep(3)
    flush("b")

    handles = []

    def canceller(n):
        fired.append(f"c{n}")
        for h in handles[n + 1:n + 3]:
            h.cancel()

    for n in range(12):
        if n % 4 == 0:
            handles.append(loop.call_later(1, canceller, n))
        else:
            handles.append(loop.call_later(1, fire, n))
    await asyncio.sleep(2)
    flush("c")

    handles = [loop.call_later(1, fire, n) for n in range(150)]
    for n in range(150):
        if n % 3 != 1:
            handles[n].cancel()
    sentinel = loop.call_later(0.5, fire, "first")
    await asyncio.sleep(2)
    print(f"d: {len(fired)} fired, first {fired[0]}, then {' '.join(map(str, fired[1:]))}")
    fired.clear()
    sentinel.cancel()
    print(f"d: sentinel cancelled after it ran: cancelled={sentinel.cancelled()}")


asyncio.run(main())
