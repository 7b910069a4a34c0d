import * as asyncio from "asyncio";

async function inner() {
  await asyncio.sleep(1);
  return "inner result";
}

async function outer() {
  return await asyncio.waitFor(() => inner(), 5);
}

async function main() {
  // Cancel the task awaiting waitFor k loop steps after both wake at t=1:
  // once the inner result is in, 3.11's wait_for returns it and the
  // cancellation is lost.
  for (let k = 0; k < 5; k++) {
    const task = asyncio.createTask(() => outer());
    await asyncio.sleep(0);
    await asyncio.sleep(1);
    for (let i = 0; i < k; i++) await asyncio.sleep(0);
    const cancelResult = task.cancel();
    let outcome: string;
    try {
      const result = await task;
      outcome = `returned '${result}'`;
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      outcome = "cancelled";
    }
    console.log(
      `k=${k}: cancel() -> ${cancelResult ? "True" : "False"}, task ${outcome}, cancelling()=${task.cancelling()}`,
    );
  }
}

asyncio.run(main);
