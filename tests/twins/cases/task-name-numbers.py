import asyncio


async def noop():
    await asyncio.sleep(0)


async def main():
    named = asyncio.create_task(noop(), name="named")
    plain = asyncio.create_task(noop())
    print(named.get_name(), plain.get_name())
    loop = asyncio.get_running_loop()
    by_loop = loop.create_task(noop(), name="by-loop")
    after_loop = loop.create_task(noop())
    print(by_loop.get_name(), after_loop.get_name())
    async with asyncio.TaskGroup() as tg:
        in_group = tg.create_task(noop(), name="in-group")
        after_group = tg.create_task(noop())
    print(in_group.get_name(), after_group.get_name())
    await asyncio.gather(named, plain, by_loop, after_loop)


asyncio.run(main())
