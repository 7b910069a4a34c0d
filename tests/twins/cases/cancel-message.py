import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        task = asyncio.current_task()
        print(f"victim: caught {str(e)!r}, cancelling()={task.cancelling()}")
        print(f"victim: uncancel() -> {task.uncancel()}, again -> {task.uncancel()}")
    await asyncio.sleep(1)
    print("victim: carried on")
    return "survived"


async def quitter():
    await asyncio.sleep(10)


async def main():
    task = asyncio.create_task(victim())
    await asyncio.sleep(1)
    print(f"main: cancel('first') -> {task.cancel('first')}")
    print(f"main: cancel('second') -> {task.cancel('second')}")
    print(f"main: cancelling()={task.cancelling()}")
    print(f"main: result {await task!r}, cancelled()={task.cancelled()}")

    other = asyncio.create_task(quitter())
    await asyncio.sleep(0)
    other.cancel("bye")
    for attempt in ("await", "await again", "result()", "exception()"):
        try:
            if attempt.startswith("await"):
                await other
            elif attempt == "result()":
                other.result()
            else:
                other.exception()
        except asyncio.CancelledError as e:
            print(f"main: {attempt} raised CancelledError {str(e)!r}")


asyncio.run(main())
