import asyncio


def report(loop, context):
    print(f"{context['message']}: {context['future'].get_name()} {context['exception']!r}")


async def fail(name, delay):
    await asyncio.sleep(delay)
    raise ValueError(name)


async def keeps_one():
    kept = asyncio.create_task(fail("failed while its coroutine ran", 1), name="local")
    await asyncio.sleep(2)
    print("keeps_one returns")


async def outlived():
    later = asyncio.create_task(fail("failed after its coroutine ended", 1), name="outlived")
    await asyncio.sleep(0.5)
    print("outlived returns")


async def starts():
    return [asyncio.create_task(fail("returned to the caller", 0.25), name="returned")]


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    await keeps_one()
    await outlived()
    [task] = await starts()
    await asyncio.sleep(2)
    try:
        await task
    except ValueError as error:
        print("main retrieved", repr(error))
    print("main returns")


asyncio.run(main())
print("after run")
