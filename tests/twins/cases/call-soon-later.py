import asyncio


def report(what):
    print(f"callback: {what}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(2, report, "later 2")
    loop.call_later(1, report, "later 1")
    loop.call_soon(report, "soon 1")
    loop.call_soon(report, "soon 2")
    handle = loop.call_later(1.5, report, "never")
    handle.cancel()
    print("main: scheduled")
    await asyncio.sleep(3)
    print("main: end")


asyncio.run(main())
