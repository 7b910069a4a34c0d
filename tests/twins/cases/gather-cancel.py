import asyncio


async def child(name, delay, swallow=False):
    try:
        await asyncio.sleep(delay)
        print(f"{name}: done")
        return name
    except asyncio.CancelledError as e:
        print(f"{name}: cancelled {str(e)!r}")
        if swallow:
            return f"{name} swallowed"
        raise


def state(fut):
    return f"done={fut.done()} cancelled={fut.cancelled()}"


async def main():
    g = asyncio.gather(child("a", 0.5), child("b", 2), child("c", 3))
    await asyncio.sleep(1)
    print(f"main: cancel -> {g.cancel('enough')}")
    try:
        await g
    except asyncio.CancelledError as e:
        print(f"main: gather raised CancelledError {str(e)!r}, {state(g)}")

    g = asyncio.gather(child("d", 2, swallow=True), child("e", 2, swallow=True))
    await asyncio.sleep(1)
    print(f"main: cancel -> {g.cancel()}")
    try:
        print(f"main: gather returned {await g}")
    except asyncio.CancelledError:
        print(f"main: gather raised CancelledError, {state(g)}")

    f = asyncio.create_task(child("f", 1))
    h = asyncio.create_task(child("h", 2))
    g = asyncio.gather(f, h)
    await asyncio.sleep(0.5)
    f.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print(f"main: gather raised CancelledError, {state(g)}, h {state(h)}")
    print(f"main: h returned {await h}")

    i = asyncio.create_task(child("i", 1))
    j = asyncio.create_task(child("j", 2))
    g = asyncio.gather(i, j, return_exceptions=True)
    await asyncio.sleep(0.5)
    i.cancel()
    results = await g
    print("main: results " + ", ".join(type(r).__name__ if isinstance(r, BaseException) else r for r in results))


asyncio.run(main())
