import asyncio


async def inner():
    await asyncio.sleep(1)
    return "inner result"


async def outer():
    return await asyncio.wait_for(inner(), timeout=5)


async def main():
    # Cancel the task awaiting wait_for k loop steps after both wake at t=1:
    # once the inner result is in, 3.11's wait_for returns it and the
    # cancellation is lost.
    for k in range(5):
        task = asyncio.create_task(outer())
        await asyncio.sleep(0)
        await asyncio.sleep(1)
        for _ in range(k):
            await asyncio.sleep(0)
        cancel_result = task.cancel()
        try:
            result = await task
            outcome = f"returned {result!r}"
        except asyncio.CancelledError:
            outcome = "cancelled"
        print(f"k={k}: cancel() -> {cancel_result}, task {outcome}, cancelling()={task.cancelling()}")


asyncio.run(main())
