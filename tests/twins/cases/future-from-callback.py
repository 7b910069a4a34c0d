import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"done callback: {f.result()}"))
    loop.call_later(1, fut.set_result, "ready")
    print("main: awaiting the future")
    value = await fut
    print(f"main: got {value}")


asyncio.run(main())
