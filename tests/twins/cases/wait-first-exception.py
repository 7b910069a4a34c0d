import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(f"{name}: failing")
        raise ValueError(name)
    print(f"{name}: finished")
    return name


def names(tasks):
    return ", ".join(sorted(t.get_name() for t in tasks)) or "-"


async def main():
    def start(specs):
        return [asyncio.create_task(job(*spec), name=spec[0]) for spec in specs]

    tasks = start([("a", 0.5), ("b", 1, True), ("c", 2)])
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"main: done [{names(done)}] pending [{names(pending)}]")
    for t in sorted(done, key=lambda t: t.get_name()):
        print(f"main: {t.get_name()} exception={t.exception()!r}")
    await asyncio.wait(pending)

    tasks = start([("d", 0.5), ("e", 1)])
    tasks[0].cancel()
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"main: a cancellation is no exception: done [{names(done)}] pending [{names(pending)}]")

    tasks = start([("f", 0.5), ("g", 1)])
    done, pending = await asyncio.wait(tasks, timeout=0.75, return_when=asyncio.FIRST_EXCEPTION)
    print(f"main: timeout: done [{names(done)}] pending [{names(pending)}]")
    done, pending = await asyncio.wait(pending, timeout=0)
    print(f"main: timeout=0: done [{names(done)}] pending [{names(pending)}]")
    done, pending = await asyncio.wait(tasks)
    print(f"main: all: done [{names(done)}] pending [{names(pending)}]")

    tasks = start([("h", 0.5, True), ("i", 0.5, True)])
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"main: first completed: done [{names(done)}] pending [{names(pending)}]")


asyncio.run(main())
