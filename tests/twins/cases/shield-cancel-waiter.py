import asyncio


async def save():
    try:
        print("save: started")
        await asyncio.sleep(2)
        print("save: finished")
        return "saved"
    except asyncio.CancelledError:
        print("save: cancelled")
        raise


async def waiter(inner):
    try:
        result = await asyncio.shield(inner)
        print(f"waiter: got {result}")
    except asyncio.CancelledError:
        print(f"waiter: cancelled, inner done()={inner.done()}")
        raise


async def main():
    inner = asyncio.create_task(save())
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    outer.cancel()
    await asyncio.sleep(0)
    print(f"main: outer cancelled()={outer.cancelled()}, inner done()={inner.done()}")
    print(f"main: {await inner}")

    # shield over a coroutine: cancelling the shield future itself
    shielded = asyncio.shield(save())
    await asyncio.sleep(0.5)
    print(f"main: shield.cancel() -> {shielded.cancel()}")
    try:
        await shielded
    except asyncio.CancelledError:
        print("main: the shield future is cancelled")
    await asyncio.sleep(2)
    print("main: done")

    # the shielded task fails: the waiter sees the error
    async def fail():
        await asyncio.sleep(0.5)
        raise ValueError("boom")

    try:
        await asyncio.shield(fail())
    except ValueError as e:
        print(f"main: shield raised {e}")


asyncio.run(main())
