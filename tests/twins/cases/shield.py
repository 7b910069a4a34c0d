import asyncio


async def save():
    print("save: started")
    await asyncio.sleep(2)
    print("save: finished")
    return "saved"


async def main():
    task = asyncio.create_task(save())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except asyncio.TimeoutError:
        print("main: gave up waiting, the save goes on")
    print(f"main: {await task}")


asyncio.run(main())
