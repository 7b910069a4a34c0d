import asyncio


def when(cm):
    w = cm.when()
    return "None" if w is None else f"{w:.3f}"


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        print(f"a: when={when(cm)} expired={cm.expired()}")
        await asyncio.sleep(1)
        print("a: slept 1 with no deadline")

    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() + 1.5)
            print(f"b: rescheduled to {when(cm)}")
            await asyncio.sleep(5)
            print("b: not reached")
    except TimeoutError:
        print(f"b: timed out, expired={cm.expired()}")

    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(0.5)
            cm.reschedule(cm.when() + 2)
            print(f"c: extended to {when(cm)}")
            await asyncio.sleep(2)
            print("c: survived the old deadline")
            cm.reschedule(None)
            await asyncio.sleep(5)
            print(f"c: deadline removed, survived, expired={cm.expired()}")
    except TimeoutError:
        print("c: not reached")
    try:
        cm.reschedule(loop.time() + 1)
    except RuntimeError as e:
        print(f"c: after exit: RuntimeError: {e}")

    try:
        async with asyncio.timeout(10) as cm:
            cm.reschedule(loop.time() - 1)
            print("d: rescheduled into the past")
            await asyncio.sleep(0)
            print("d: not reached")
    except TimeoutError:
        print(f"d: past deadline fired, expired={cm.expired()}")

    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("e: inner caught it (wrong)")
            print("e: not reached")
    except TimeoutError:
        print("e: outer timed out")

    try:
        async with asyncio.timeout(5):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("f: inner timed out")
            await asyncio.sleep(1)
            print("f: outer body carried on")
    except TimeoutError:
        print("f: not reached")

    try:
        async with asyncio.timeout_at(loop.time() + 0.25) as cm:
            print(f"g: when={when(cm)}")
            await asyncio.sleep(1)
    except TimeoutError:
        print("g: timeout_at fired")


asyncio.run(main())
