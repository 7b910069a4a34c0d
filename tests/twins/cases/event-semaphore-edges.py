import asyncio


def state(sem):
    text = repr(sem)
    return text[text.index("["):]


async def main():
    event = asyncio.Event()

    async def waiter(name):
        print(f"{name}: wait -> {await event.wait()}, is_set={event.is_set()}")

    tasks = [asyncio.create_task(waiter(f"e{n}")) for n in range(2)]
    await asyncio.sleep(0.5)
    event.set()
    event.clear()
    print("main: set then cleared in the same step")
    await asyncio.gather(*tasks)
    late = asyncio.create_task(waiter("late"))
    await asyncio.sleep(1)
    print(f"main: late done={late.done()}")
    event.set()
    event.set()
    await late
    print(f"main: wait on a set event -> {await event.wait()}")

    sem = asyncio.Semaphore(1)

    async def user(name, hold):
        async with sem:
            print(f"{name}: in")
            await asyncio.sleep(hold)
        print(f"{name}: out")

    sem.release()
    sem.release()
    print(f"main: released twice, {state(sem)}")
    users = [asyncio.create_task(user(f"u{n}", 1)) for n in range(5)]
    await asyncio.sleep(0)
    print(f"main: {state(sem)}")
    await asyncio.gather(*users)
    print(f"main: {state(sem)}")

    await sem.acquire()
    await sem.acquire()
    await sem.acquire()
    waiters = [asyncio.create_task(user(f"v{n}", 0.5)) for n in range(3)]
    await asyncio.sleep(0)
    sem.release()
    waiters[0].cancel()
    print(f"main: released once, cancelled v0 in the same step")
    await asyncio.sleep(0)
    sem.release()
    newcomer = asyncio.create_task(user("newcomer", 0.5))
    await asyncio.gather(*waiters, newcomer, return_exceptions=True)
    print(f"main: {state(sem)}")

    bounded = asyncio.BoundedSemaphore(2)
    await bounded.acquire()
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print(f"main: ValueError: {e}")


asyncio.run(main())
