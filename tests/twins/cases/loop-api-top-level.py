import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done in {asyncio.current_task().get_name()}")
    return name


async def main():
    return await work("main", 1)


print("result:", asyncio.run(main()))
try:
    asyncio.get_running_loop()
except RuntimeError as error:
    print("after run:", error)

loop = asyncio.new_event_loop()
print("running:", loop.is_running(), "closed:", loop.is_closed())
print("first:", loop.run_until_complete(work("first", 0.5)))
print("second:", loop.run_until_complete(work("second", 0.25)))
loop.close()
print("closed:", loop.is_closed())
late = work("late", 1)
try:
    loop.run_until_complete(late)
except RuntimeError as error:
    print("closed loop:", error)
    late.close()
print("again:", asyncio.run(work("again", 1)))
