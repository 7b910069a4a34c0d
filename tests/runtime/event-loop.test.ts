import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";\nimport * as time from "time";`;

describe("event loop", () => {
  test("runs callSoon callbacks in FIFO order, after the current step", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  for (const n of [1, 2, 3]) loop.callSoon(console.log, "cb", n);`,
        `  console.log("main before yield");`,
        `  await asyncio.sleep(0);`,
        `  console.log("main after yield");`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.000s] main before yield",
      "[0.000s] cb 1",
      "[0.000s] cb 2",
      "[0.000s] cb 3",
      "[0.000s] main after yield",
    ]);
  });

  test("jumps the clock to each deadline without waiting", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  loop.callLater(2.5, () => console.log("late", loop.time()));`,
        `  loop.callAt(0.25, () => console.log("early", loop.time()));`,
        `  await asyncio.sleep(3);`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.250s] early 0.25", "[2.500s] late 2.5"]);
    assert.ok(r.stats.wallMs < 2000, "a 3 s virtual program must not take real seconds");
  });

  test("lets time.sleep hold up every task, moving the clock", async () => {
    const r = await run(
      program(
        head,
        `async function ticker() { for (let i = 0; i < 3; i++) { console.log("tick", i); await asyncio.sleep(1); } }`,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(ticker);`,
        `  await asyncio.sleep(0);`,
        `  time.sleep(2.5);`,
        `  console.log("unblocked");`,
        `  await t;`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] tick 0", "[2.500s] unblocked", "[2.500s] tick 1", "[3.500s] tick 2"]);
  });

  test("reports a deadlock at once, naming what each task waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const never = asyncio.getRunningLoop().createFuture();`,
        `  await asyncio.sleep(1);`,
        `  await never;`,
        `});`,
      ),
    );
    assert.equal(r.error?.kind, "deadlock");
    assert.equal(r.error?.name, "DeadlockError");
    assert.match(r.error!.message, /^Deadlock at t=1\.000s/);
    assert.match(r.error!.message, /<Task Task-1 \[pending, waiting on <Future \[pending\]>\]>/);
  });

  test("stops a program that runs forever in virtual time at the horizon", async () => {
    const r = await run(program(head, `asyncio.run(async () => { while (true) await asyncio.sleep(60); });`), {
      maxVirtualTime: 600,
    });
    assert.equal(r.error?.kind, "horizon");
    assert.match(r.error!.message, /virtual-time limit of 600 s/);
    assert.equal(r.stats.virtualTime, 600);
  });

  test("stops a program that spins on sleep(0) at the step horizon", async () => {
    const r = await run(program(head, `asyncio.run(async () => { while (true) await asyncio.sleep(0); });`), {
      maxSteps: 5000,
    });
    assert.equal(r.error?.kind, "horizon");
    assert.match(r.error!.message, /Stopped after 5,000 loop steps/);
  });

  test("stops a CPU-bound loop with the watchdog, naming the loop's line", async () => {
    const r = await run(program(head, `console.log("before");`, `let n = 0;`, `while (true) { n++; }`), {
      watchdogMs: 200,
    });
    assert.equal(r.error?.kind, "watchdog");
    assert.equal(r.error?.line, 5);
    assert.match(r.error!.message, /the loop at line 5/);
    assert.deepEqual(r.out, ["[0.000s] before"]);
  });

  test("keeps nothing from one run to the next", async () => {
    const first = await run(program(head, `globalThis.leak = 1; asyncio.run(async () => { await asyncio.sleep(5); });`));
    assert.equal(first.error, null);
    const second = await run(program(head, `console.log(typeof asyncio.getEventLoop().time(), asyncio.getEventLoop().time());`));
    assert.deepEqual(second.out, ["[0.000s] number 0"]);
  });
});

describe("tasks", () => {
  test("attributes an eagerly started coroutine's output to the task that adopts it", async () => {
    const r = await run(
      program(
        head,
        `async function work() { console.log("eager part"); await asyncio.sleep(1); console.log("after await"); }`,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(work(), { name: "worker" });`,
        `  console.log("main");`,
        `  await t;`,
        `});`,
      ),
    );
    assert.deepEqual(
      r.lines.map((l) => `${l.text} <${l.task}>`),
      ["eager part <worker>", "main <Task-1>", "after await <worker>"],
    );
  });

  test("cancels a sleeping task at its await and lets it clean up", async () => {
    const r = await run(
      program(
        head,
        `async function sleeper() {`,
        `  try { await asyncio.sleep(10); } catch (e) { console.log("caught", String(e)); throw e; }`,
        `  finally { console.log("cleanup"); }`,
        `}`,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(sleeper);`,
        `  await asyncio.sleep(1);`,
        `  t.cancel("enough");`,
        `  try { await t; } catch (e) { console.log(e instanceof asyncio.CancelledError, t.cancelled(), String(t)); }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[1.000s] caught CancelledError: enough",
      "[1.000s] cleanup",
      "[1.000s] true true <Task Task-2 [cancelled]>",
    ]);
  });

  test("describes a waiting task by what it waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const t = asyncio.createTask(() => asyncio.sleep(5), { name: "napper" });`,
        `  console.log(String(t));`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(t));`,
        `  t.cancel();`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] <Task napper [pending, not started]>", "[1.000s] <Task napper [pending, waiting on sleep(5)]>"]);
  });

  test("names the task another task waits on", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const napper = asyncio.createTask(() => asyncio.sleep(2), { name: "napper" });`,
        `  const waiter = asyncio.createTask(async () => { await napper; }, { name: "waiter" });`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(waiter));`,
        `  await waiter;`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[1.000s] <Task waiter [pending, waiting on napper]>"]);
    const suspended = r.trace.find((e) => e.kind === "task-suspended" && e.task === "waiter");
    assert.equal(suspended?.detail, "napper");
  });

  test("reports a task exception nobody retrieved when the run ends", async () => {
    const r = await run(
      program(
        head,
        `async function boom() { throw new Error("kaput"); }`,
        `asyncio.run(async () => { asyncio.createTask(boom); await asyncio.sleep(1); console.log("main done"); });`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[1.000s] main done"]);
    assert.equal(r.err[0], "Task exception was never retrieved");
    assert.match(r.err.join("\n"), /<Task Task-2 \[failed, Error: kaput\]>/);
    assert.match(r.err.join("\n"), /Error: kaput\n {2}at main\.ts:3:/);
  });

  test("ends the program with the error main raised, at main's line", async () => {
    const r = await run(program(head, `asyncio.run(async () => {`, `  await asyncio.sleep(2);`, `  throw new asyncio.TimeoutError("too slow");`, `});`));
    assert.equal(r.error?.name, "TimeoutError");
    assert.equal(r.error?.message, "too slow");
    assert.equal(r.error?.line, 5);
  });

  test("refuses asyncio.run inside a running task", async () => {
    const r = await run(program(head, `await asyncio.run(async () => { await asyncio.run(async () => 1); });`));
    assert.equal(r.error?.name, "RuntimeError");
    assert.equal(r.error?.message, "asyncio.run() cannot be called from a running event loop");
  });
});

describe("timeout and task group", () => {
  test("timeout cancels the block and raises TimeoutError at the deadline", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.timeout(1.5, async () => { await asyncio.sleep(10); console.log("never"); });`,
        `  } catch (e) { console.log(String(e), e instanceof asyncio.TimeoutError); }`,
        `  const v = await asyncio.timeout(5, async () => { await asyncio.sleep(1); return "in time"; });`,
        `  console.log(v);`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[1.500s] TimeoutError true", "[2.500s] in time"]);
  });

  test("a task group waits for its tasks and cancels the rest when one fails", async () => {
    const r = await run(
      program(
        head,
        `async function job(name: string, d: number, fail = false) {`,
        `  try { await asyncio.sleep(d); if (fail) throw new Error(name + " failed"); console.log(name, "done"); }`,
        `  catch (e) { if (e instanceof asyncio.CancelledError) console.log(name, "cancelled"); throw e; }`,
        `}`,
        `asyncio.run(async () => {`,
        `  await asyncio.taskGroup(async (tg) => { tg.createTask(() => job("a", 1)); tg.createTask(() => job("b", 2)); });`,
        `  console.log("all done");`,
        `  try {`,
        `    await asyncio.taskGroup(async (tg) => { tg.createTask(() => job("c", 1, true)); tg.createTask(() => job("d", 5)); });`,
        `  } catch (e) { console.log(String(e), (e as asyncio.ExceptionGroup).exceptions.map(String).join("; ")); }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[1.000s] a done",
      "[2.000s] b done",
      "[2.000s] all done",
      "[3.000s] d cancelled",
      "[3.000s] ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception) Error: c failed",
    ]);
  });
});

// Expected lines come from CPython 3.11 running the twin Python program (quoted)
// under tests/twins/vclock.py.
describe("event loop iterations", () => {
  // def chain(n):
  //     print("chain", n)
  //     if n == 1: loop.call_later(0, print, "timer")
  //     if n < 3: loop.call_soon(chain, n + 1)
  // loop.call_soon(chain, 1); await asyncio.sleep(0.1)
  test("runs only the callbacks ready when an iteration starts; a timer due meanwhile goes before later ones", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  function chain(n: number) {`,
        `    console.log("chain", n);`,
        `    if (n === 1) loop.callLater(0, console.log, "timer");`,
        `    if (n < 3) loop.callSoon(chain, n + 1);`,
        `  }`,
        `  loop.callSoon(chain, 1);`,
        `  await asyncio.sleep(0.1);`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] chain 1", "[0.000s] chain 2", "[0.000s] timer", "[0.000s] chain 3"]);
    // Due timers join the ready queue when an iteration starts: after the first chain() ran, before the second.
    const events = r.trace.filter((e) => e.kind === "callback" || e.kind === "timer-fired").map((e) => `${e.kind} ${e.detail}`);
    assert.deepEqual(events.slice(events.indexOf("callback chain()")), [
      "callback chain()",
      "timer-fired console.log()",
      "callback chain()",
      "callback console.log()",
      "callback chain()",
      "timer-fired sleep(0.1)",
      "callback sleep(0.1)",
    ]);
  });

  // h = loop.call_soon(print, "soon"); t = loop.call_later(1, print, "later")
  // loop.call_soon(print, "kept"); h.cancel(); t.cancel(); print(h.cancelled(), t.cancelled())
  // def boom(): raise ValueError("bad callback")
  // loop.call_soon(boom); loop.call_soon(print, "after boom")
  // await asyncio.sleep(2); print("end")
  test("skips cancelled handles and timers, and reports a failing callback without stopping", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  const h = loop.callSoon(console.log, "soon");`,
        `  const t = loop.callLater(1, console.log, "later");`,
        `  loop.callSoon(console.log, "kept");`,
        `  h.cancel(); t.cancel();`,
        `  console.log(h.isCancelled(), t.isCancelled(), String(loop));`,
        `  loop.callSoon(function boom() { throw new asyncio.ValueError("bad callback"); });`,
        `  loop.callSoon(console.log, "after boom");`,
        `  await asyncio.sleep(2);`,
        `  console.log("end");`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.equal(r.out.length, 4);
    assert.match(r.out[0]!, /^\[0\.000s\] true true <EventLoop \[running, .*timers:0, t=0\.000s\]>$/);
    assert.deepEqual(r.out.slice(1), ["[0.000s] kept", "[0.000s] after boom", "[2.000s] end"]);
    assert.match(r.err[0]!, /^Exception in callback <Handle boom\(\)>/);
    assert.match(r.err.join("\n"), /ValueError: bad callback/);
    assert.equal(r.trace.filter((e) => e.kind === "timer-fired").length, 1, "only the sleep's timer fires");
  });

  test("hands a failing callback to the exception handler when one is set", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  loop.setExceptionHandler((_loop, context) => console.log("handled:", context.message.slice(0, 21), String(context.exception)));`,
        `  loop.callSoon(() => { throw new Error("oops"); });`,
        `  await asyncio.sleep(0);`,
        `  console.log("main goes on");`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.000s] handled: Exception in callback Error: oops", "[0.000s] main goes on"]);
    assert.deepEqual(r.err, []);
  });

  // loop.call_later(0.0005, lambda: print("late", loop.time()))
  // loop.call_soon(lambda: print("soon", loop.time())); await asyncio.sleep(0.001)
  test("runs a timer only once the clock reaches it, within a nanosecond", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const loop = asyncio.getRunningLoop();`,
        `  loop.callLater(0.0005, () => console.log("late", loop.time()));`,
        `  loop.callSoon(() => console.log("soon", loop.time()));`,
        `  await asyncio.sleep(0.001);`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] soon 0", "[0.001s] late 0.0005"]);
  });
});
