import asyncio


async def selfish():
    try:
        await asyncio.current_task()
    except RuntimeError as e:
        print(f"selfish: RuntimeError: {str(e).split(':')[0]}")
    await asyncio.sleep(1)
    return "selfish done"


async def main():
    print(f"main: {await asyncio.create_task(selfish())}")


asyncio.run(main())
