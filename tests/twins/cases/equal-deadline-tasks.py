import asyncio


async def sleeper(name):
    await asyncio.sleep(1)
    print(f"{name} woke")


async def main():
    tasks = [asyncio.create_task(sleeper(name)) for name in "abcdef"]
    await asyncio.gather(*tasks)


asyncio.run(main())
