import asyncio


async def main(label):
    print(f"{label}: {asyncio.current_task().get_name()}")
    await asyncio.sleep(1)
    return label.upper()


print(asyncio.run(main("first")))
print(asyncio.run(main("second")))
