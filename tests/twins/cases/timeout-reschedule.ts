import * as asyncio from "asyncio";

function when(cm: asyncio.Timeout): string {
  const w = cm.when();
  return w === null ? "None" : w.toFixed(3);
}

const py = (b: boolean) => (b ? "True" : "False");

async function main() {
  const loop = asyncio.getRunningLoop();
  await asyncio.timeout(null, async (cm) => {
    console.log(`a: when=${when(cm)} expired=${py(cm.expired())}`);
    await asyncio.sleep(1);
    console.log("a: slept 1 with no deadline");
  });

  let saved: asyncio.Timeout | null = null;
  try {
    await asyncio.timeout(null, async (cm) => {
      saved = cm;
      cm.reschedule(loop.time() + 1.5);
      console.log(`b: rescheduled to ${when(cm)}`);
      await asyncio.sleep(5);
      console.log("b: not reached");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`b: timed out, expired=${py(saved!.expired())}`);
  }

  try {
    await asyncio.timeout(1, async (cm) => {
      saved = cm;
      await asyncio.sleep(0.5);
      cm.reschedule(cm.when()! + 2);
      console.log(`c: extended to ${when(cm)}`);
      await asyncio.sleep(2);
      console.log("c: survived the old deadline");
      cm.reschedule(null);
      await asyncio.sleep(5);
      console.log(`c: deadline removed, survived, expired=${py(cm.expired())}`);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("c: not reached");
  }
  try {
    saved!.reschedule(loop.time() + 1);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`c: after exit: RuntimeError: ${e.message}`);
  }

  try {
    await asyncio.timeout(10, async (cm) => {
      saved = cm;
      cm.reschedule(loop.time() - 1);
      console.log("d: rescheduled into the past");
      await asyncio.sleep(0);
      console.log("d: not reached");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log(`d: past deadline fired, expired=${py(saved!.expired())}`);
  }

  try {
    await asyncio.timeout(1, async () => {
      try {
        await asyncio.timeout(5, async () => {
          await asyncio.sleep(10);
        });
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
        console.log("e: inner caught it (wrong)");
      }
      console.log("e: not reached");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("e: outer timed out");
  }

  try {
    await asyncio.timeout(5, async () => {
      try {
        await asyncio.timeout(1, async () => {
          await asyncio.sleep(10);
        });
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
        console.log("f: inner timed out");
      }
      await asyncio.sleep(1);
      console.log("f: outer body carried on");
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("f: not reached");
  }

  try {
    await asyncio.timeoutAt(loop.time() + 0.25, async (cm) => {
      console.log(`g: when=${when(cm)}`);
      await asyncio.sleep(1);
    });
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("g: timeout_at fired");
  }
}

asyncio.run(main);
