import * as asyncio from "asyncio";

async function noop() {
  return 1;
}

function raiseAndCatch(error: Error) {
  try {
    throw error;
  } catch (caught) {
    if (!(caught instanceof asyncio.OSError)) throw caught;
    console.log(caught.name, "caught as OSError:", caught.message);
  }
}

async function main() {
  raiseAndCatch(new asyncio.ConnectionRefusedError("[Errno 111] Connect call failed ('127.0.0.1', 9)"));
  raiseAndCatch(new asyncio.ConnectionResetError("Connection lost"));
  raiseAndCatch(new asyncio.GaiError("[Errno -2] Name or service not known"));
  raiseAndCatch(new asyncio.OSError(98, "address already in use"));
  const isOSError = new asyncio.ConnectionError() instanceof asyncio.OSError;
  console.log("ConnectionError is an OSError:", isOSError ? "True" : "False");
  const task = asyncio.createTask(() => noop());
  for (const method of [() => task.setResult(), () => task.setException()]) {
    try {
      method();
    } catch (error) {
      if (!(error instanceof asyncio.RuntimeError)) throw error;
      console.log("RuntimeError:", error.message);
    }
  }
  await task;
}

asyncio.run(main);
