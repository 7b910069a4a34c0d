import asyncio
import socket


async def noop():
    return 1


def raise_and_catch(error):
    try:
        raise error
    except OSError as caught:
        print(type(caught).__name__, "caught as OSError:", caught)


async def main():
    raise_and_catch(ConnectionRefusedError("[Errno 111] Connect call failed ('127.0.0.1', 9)"))
    raise_and_catch(ConnectionResetError("Connection lost"))
    raise_and_catch(socket.gaierror("[Errno -2] Name or service not known"))
    raise_and_catch(OSError(98, "address already in use"))
    print("ConnectionError is an OSError:", issubclass(ConnectionError, OSError))
    task = asyncio.create_task(noop())
    for method in (task.set_result, task.set_exception):
        try:
            method(None)
        except RuntimeError as error:
            print("RuntimeError:", error)
    await task


asyncio.run(main())
