/**
 * The cheat sheet: every name a program can import from `asyncio` and `time`, beside the Python
 * it stands for. `tests/widgets/cheatsheet.test.ts` checks it against the modules' real exports
 * in both directions — an export missing here, or a row naming something the runtime does not
 * have, fails the tests — so the page cannot drift from the runtime.
 */
export interface CheatRow {
  /** The Python form (3.11). */
  python: string;
  /** The TypeScript form in course programs. */
  ts: string;
  /** What the row covers: `name` of an `asyncio` export, `Class.member`, or `time.name`. */
  covers: string[];
  /** Slug of the lesson that teaches it, e.g. `03-tasks`; linked where that lesson exists. */
  lesson?: string;
  /** A difference worth knowing, in one sentence. */
  note?: string;
}

export interface CheatSection {
  title: string;
  rows: CheatRow[];
}

export const CHEATSHEET: CheatSection[] = [
  {
    title: "Running a program",
    rows: [
      { python: "asyncio.run(main())", ts: "asyncio.run(main)", covers: ["run"], lesson: "02-coroutines-and-await", note: "Pass the function: Python's `asyncio.run(main)` fails with ValueError." },
      { python: "async def f(): ...", ts: "async function f() { ... }", covers: [], lesson: "02-coroutines-and-await", note: "Calling an async function in JavaScript starts it at once, up to its first await." },
      { python: "await coro()", ts: "await coro()", covers: [], lesson: "02-coroutines-and-await" },
      { python: "asyncio.sleep(delay, result=None)", ts: "asyncio.sleep(delay, result?)", covers: ["sleep"], lesson: "01-sync-vs-async" },
    ],
  },
  {
    title: "Tasks",
    rows: [
      { python: "asyncio.create_task(coro(), name=None)", ts: "asyncio.createTask(() => coro(), { name })", covers: ["createTask", "Task"], lesson: "03-tasks", note: "`createTask(coro())` also works but runs `coro` up to its first await before the task exists." },
      { python: "asyncio.ensure_future(aw)", ts: "asyncio.ensureFuture(aw)", covers: ["ensureFuture"] },
      { python: "asyncio.current_task()", ts: "asyncio.currentTask()", covers: ["currentTask"], lesson: "03-tasks" },
      { python: "asyncio.all_tasks()", ts: "asyncio.allTasks()", covers: ["allTasks"], lesson: "03-tasks" },
      { python: "task.get_name() / set_name(n)", ts: "task.getName() / setName(n)", covers: ["Task.getName", "Task.setName"], lesson: "03-tasks" },
      { python: "task.get_coro()", ts: "task.getCoro()", covers: ["Task.getCoro"] },
      { python: "task.cancel(msg=None)", ts: "task.cancel(msg?)", covers: ["Future.cancel"], lesson: "03-tasks" },
      { python: "task.cancelling() / uncancel()", ts: "task.cancelling() / uncancel()", covers: ["Task.cancelling", "Task.uncancel"], lesson: "08-timeouts-and-cancellation" },
      { python: "asyncio.CancelledError", ts: "asyncio.CancelledError", covers: ["CancelledError"], lesson: "03-tasks" },
    ],
  },
  {
    title: "Waiting for many",
    rows: [
      { python: "asyncio.gather(*aws, return_exceptions=False)", ts: "asyncio.gather(...aws, { returnExceptions })", covers: ["gather"], lesson: "03-tasks", note: "Pass `() => coro()` to start each one on the loop, as Python does." },
      { python: "done, pending = await asyncio.wait(aws, timeout=None, return_when=ALL_COMPLETED)", ts: "const [done, pending] = await asyncio.wait(aws, { timeout, returnWhen })", covers: ["wait"], lesson: "08-timeouts-and-cancellation" },
      { python: "asyncio.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED", ts: "asyncio.FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED", covers: ["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"], lesson: "08-timeouts-and-cancellation" },
      { python: "for f in asyncio.as_completed(aws, timeout=None):", ts: "for (const f of asyncio.asCompleted(aws, { timeout }))", covers: ["asCompleted"], lesson: "08-timeouts-and-cancellation" },
      { python: "asyncio.shield(aw)", ts: "asyncio.shield(aw)", covers: ["shield"], lesson: "08-timeouts-and-cancellation" },
      { python: "async with asyncio.TaskGroup() as tg:", ts: "await asyncio.taskGroup(async (tg) => { ... })", covers: ["taskGroup", "TaskGroup"], lesson: "08-timeouts-and-cancellation" },
      { python: "tg.create_task(coro(), name=None)", ts: "tg.createTask(() => coro(), { name })", covers: ["TaskGroup.createTask"], lesson: "08-timeouts-and-cancellation" },
      { python: "ExceptionGroup", ts: "asyncio.ExceptionGroup", covers: ["ExceptionGroup"], lesson: "08-timeouts-and-cancellation", note: "JavaScript has no `except*`: test `error instanceof asyncio.ExceptionGroup` and read `error.exceptions`." },
    ],
  },
  {
    title: "Timeouts",
    rows: [
      { python: "await asyncio.wait_for(aw, timeout)", ts: "await asyncio.waitFor(aw, timeout)", covers: ["waitFor"], lesson: "08-timeouts-and-cancellation" },
      { python: "async with asyncio.timeout(delay) as cm:", ts: "await asyncio.timeout(delay, async (cm) => { ... })", covers: ["timeout", "Timeout"], lesson: "08-timeouts-and-cancellation" },
      { python: "async with asyncio.timeout_at(when):", ts: "await asyncio.timeoutAt(when, async (cm) => { ... })", covers: ["timeoutAt"], lesson: "08-timeouts-and-cancellation" },
      { python: "cm.reschedule(when) / cm.when() / cm.expired()", ts: "cm.reschedule(when) / cm.when() / cm.expired()", covers: ["Timeout.reschedule", "Timeout.when", "Timeout.expired"], lesson: "08-timeouts-and-cancellation" },
      { python: "TimeoutError", ts: "asyncio.TimeoutError", covers: ["TimeoutError"], lesson: "08-timeouts-and-cancellation" },
    ],
  },
  {
    title: "The event loop",
    rows: [
      { python: "asyncio.get_running_loop()", ts: "asyncio.getRunningLoop(): EventLoop", covers: ["getRunningLoop", "EventLoop"], lesson: "04-event-loop" },
      { python: "asyncio.get_event_loop()", ts: "asyncio.getEventLoop()", covers: ["getEventLoop"], lesson: "04-event-loop", note: "Inside a coroutine it returns the running loop; prefer getRunningLoop(), which fails loudly where no loop runs." },
      { python: "asyncio.new_event_loop()", ts: "asyncio.newEventLoop()", covers: ["newEventLoop"], lesson: "04-event-loop" },
      { python: "loop.run_until_complete(aw) / loop.run_forever() / loop.stop() / loop.close()", ts: "loop.runUntilComplete(aw) / runForever() / stop() / close()", covers: ["EventLoop.runUntilComplete", "EventLoop.runForever", "EventLoop.stop", "EventLoop.close"], lesson: "04-event-loop" },
      { python: "loop.is_running() / loop.is_closed()", ts: "loop.isRunning() / loop.isClosed()", covers: ["EventLoop.isRunning", "EventLoop.isClosed"], lesson: "04-event-loop" },
      { python: "loop.time()", ts: "loop.time()", covers: ["EventLoop.time"], lesson: "04-event-loop", note: "Virtual seconds in this runtime." },
      { python: "loop.call_soon(cb, *args)", ts: "loop.callSoon(cb, ...args): Handle", covers: ["EventLoop.callSoon", "Handle"], lesson: "04-event-loop" },
      { python: "loop.call_later(delay, cb, *args) / loop.call_at(when, cb, *args)", ts: "loop.callLater(delay, cb, ...args) / loop.callAt(when, cb, ...args): TimerHandle", covers: ["EventLoop.callLater", "EventLoop.callAt", "TimerHandle"], lesson: "04-event-loop" },
      { python: "handle.cancel() / handle.cancelled()", ts: "handle.cancel() / handle.isCancelled()", covers: ["Handle.cancel", "Handle.isCancelled"], lesson: "04-event-loop" },
      { python: "loop.create_future()", ts: "loop.createFuture()", covers: ["EventLoop.createFuture"], lesson: "05-futures" },
      { python: "loop.create_task(coro(), name=None)", ts: "loop.createTask(() => coro(), { name })", covers: ["EventLoop.createTask"], lesson: "04-event-loop" },
      { python: "loop.set_exception_handler(handler) / loop.call_exception_handler(ctx)", ts: "loop.setExceptionHandler(handler) / loop.callExceptionHandler(ctx)", covers: ["EventLoop.setExceptionHandler", "EventLoop.callExceptionHandler"], lesson: "04-event-loop" },
      { python: "RuntimeError", ts: "asyncio.RuntimeError", covers: ["RuntimeError"], lesson: "04-event-loop" },
    ],
  },
  {
    title: "Futures",
    rows: [
      { python: "asyncio.Future()", ts: "loop.createFuture()", covers: ["Future"], lesson: "05-futures", note: "Make futures from the running loop; `new asyncio.Future()` also binds to it." },
      { python: "fut.set_result(x) / fut.set_exception(e)", ts: "fut.setResult(x) / fut.setException(e)", covers: ["Future.setResult", "Future.setException"], lesson: "05-futures" },
      { python: "fut.result() / fut.exception() / fut.done() / fut.cancelled()", ts: "fut.result() / fut.exception() / fut.done() / fut.cancelled()", covers: ["Future.result", "Future.exception", "Future.done", "Future.cancelled"], lesson: "05-futures" },
      { python: "fut.add_done_callback(cb) / remove_done_callback(cb)", ts: "fut.addDoneCallback(cb) / removeDoneCallback(cb)", covers: ["Future.addDoneCallback", "Future.removeDoneCallback"], lesson: "05-futures" },
      { python: "fut.get_loop()", ts: "fut.getLoop()", covers: ["Future.getLoop"], lesson: "05-futures" },
      { python: "asyncio.isfuture(x)", ts: "asyncio.isFuture(x)", covers: ["isFuture"], lesson: "05-futures" },
      { python: "asyncio.InvalidStateError", ts: "asyncio.InvalidStateError", covers: ["InvalidStateError"], lesson: "05-futures" },
    ],
  },
  {
    title: "Coordinating tasks",
    rows: [
      { python: "asyncio.Queue(maxsize=0)", ts: "new asyncio.Queue(maxsize)", covers: ["Queue", "Queue.maxsize"], lesson: "07-coordinating-tasks" },
      { python: "await q.put(x) / q.put_nowait(x)", ts: "await q.put(x) / q.putNowait(x)", covers: ["Queue.put", "Queue.putNowait"], lesson: "07-coordinating-tasks" },
      { python: "await q.get() / q.get_nowait()", ts: "await q.get() / q.getNowait()", covers: ["Queue.get", "Queue.getNowait"], lesson: "07-coordinating-tasks" },
      { python: "q.task_done() / await q.join()", ts: "q.taskDone() / await q.join()", covers: ["Queue.taskDone", "Queue.join"], lesson: "07-coordinating-tasks" },
      { python: "q.qsize() / q.empty() / q.full()", ts: "q.qsize() / q.empty() / q.full()", covers: ["Queue.qsize", "Queue.empty", "Queue.full"], lesson: "07-coordinating-tasks" },
      { python: "asyncio.PriorityQueue() / asyncio.LifoQueue()", ts: "new asyncio.PriorityQueue() / new asyncio.LifoQueue()", covers: ["PriorityQueue", "LifoQueue"], lesson: "07-coordinating-tasks", note: "PriorityQueue orders tuples as Python does: write them as arrays, `[priority, item]`." },
      { python: "asyncio.QueueEmpty / asyncio.QueueFull", ts: "asyncio.QueueEmpty / asyncio.QueueFull", covers: ["QueueEmpty", "QueueFull"], lesson: "07-coordinating-tasks" },
      { python: "async with lock:", ts: "await lock.run(async () => { ... })", covers: ["Lock", "Lock.run"], lesson: "07-coordinating-tasks" },
      { python: "await lock.acquire() / lock.release() / lock.locked()", ts: "await lock.acquire() / lock.release() / lock.locked()", covers: ["Lock.acquire", "Lock.release", "Lock.locked"], lesson: "07-coordinating-tasks" },
      { python: "asyncio.Event(): set() / clear() / is_set() / await wait()", ts: "new asyncio.Event(): set() / clear() / isSet() / await wait()", covers: ["Event", "Event.set", "Event.clear", "Event.isSet", "Event.wait"], lesson: "07-coordinating-tasks" },
      { python: "asyncio.Condition(): await wait() / await wait_for(pred) / notify(n=1) / notify_all()", ts: "new asyncio.Condition(): await wait() / await waitFor(pred) / notify(n) / notifyAll()", covers: ["Condition", "Condition.wait", "Condition.waitFor", "Condition.notify", "Condition.notifyAll"], lesson: "07-coordinating-tasks" },
      { python: "async with sem: / sem.acquire() / sem.release() / sem.locked()", ts: "await sem.run(async () => { ... }) / acquire() / release() / locked()", covers: ["Semaphore.run", "Semaphore.acquire", "Semaphore.release", "Semaphore.locked"], lesson: "07-coordinating-tasks" },
      { python: "asyncio.Semaphore(value) / asyncio.BoundedSemaphore(value)", ts: "new asyncio.Semaphore(value) / new asyncio.BoundedSemaphore(value)", covers: ["Semaphore", "BoundedSemaphore"], lesson: "07-coordinating-tasks" },
      { python: "ValueError", ts: "asyncio.ValueError", covers: ["ValueError"], lesson: "07-coordinating-tasks", note: "Python's built-in, exported here because JavaScript has none." },
    ],
  },
  {
    title: "Streams",
    rows: [
      { python: "await asyncio.start_server(handler, host, port)", ts: "await asyncio.startServer(handler, host, port)", covers: ["startServer", "Server"], lesson: "06-streams", note: "Over an in-memory network with 1 ms latency in this runtime." },
      { python: "async with server: await server.serve_forever()", ts: "await server.serveForever()", covers: ["Server.serveForever"], lesson: "06-streams" },
      { python: "server.close() / await server.wait_closed()", ts: "server.close() / await server.waitClosed()", covers: ["Server.close", "Server.waitClosed"], lesson: "06-streams" },
      { python: "reader, writer = await asyncio.open_connection(host, port)", ts: "await asyncio.openConnection(host, port): [StreamReader, StreamWriter]", covers: ["openConnection", "StreamReader", "StreamWriter"], lesson: "06-streams" },
      { python: "await reader.readline() / read(n) / readexactly(n) / readuntil(sep)", ts: "await reader.readline() / read(n) / readexactly(n) / readuntil(sep)", covers: ["StreamReader.readline", "StreamReader.read", "StreamReader.readexactly", "StreamReader.readuntil"], lesson: "06-streams", note: "They return a Uint8Array; decode with `new TextDecoder().decode(data)`." },
      { python: "reader.at_eof()", ts: "reader.atEof()", covers: ["StreamReader.atEof"], lesson: "06-streams" },
      { python: "writer.write(data) / await writer.drain()", ts: "writer.write(data) / await writer.drain()", covers: ["StreamWriter.write", "StreamWriter.drain"], lesson: "06-streams" },
      { python: "writer.close() / await writer.wait_closed()", ts: "writer.close() / await writer.waitClosed()", covers: ["StreamWriter.close", "StreamWriter.waitClosed"], lesson: "06-streams" },
      { python: "asyncio.IncompleteReadError / asyncio.LimitOverrunError", ts: "asyncio.IncompleteReadError / asyncio.LimitOverrunError", covers: ["IncompleteReadError", "LimitOverrunError"], lesson: "06-streams" },
      { python: "OSError / ConnectionError / ConnectionRefusedError / ConnectionResetError / socket.gaierror", ts: "asyncio.OSError / ConnectionError / ConnectionRefusedError / ConnectionResetError / GaiError", covers: ["OSError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError", "GaiError"], lesson: "06-streams" },
    ],
  },
  {
    title: "Blocking and time",
    rows: [
      { python: "time.sleep(s)", ts: "time.sleep(s)", covers: ["time.sleep"], lesson: "01-sync-vs-async", note: "Blocks the whole loop, as in Python; the run records the blocked stretch." },
      { python: "time.time() / time.monotonic() / time.perf_counter()", ts: "time.time() / time.monotonic() / time.perfCounter()", covers: ["time.time", "time.monotonic", "time.perfCounter"], lesson: "01-sync-vs-async", note: "Virtual seconds in this runtime." },
      { python: "time.strftime(format)", ts: "time.strftime(format)", covers: ["time.strftime"], lesson: "01-sync-vs-async" },
    ],
  },
  {
    title: "Only in this runtime",
    rows: [
      { python: "(a program that can never finish)", ts: "asyncio.DeadlockError", covers: ["DeadlockError"], note: "Raised when every task waits and nothing can wake any of them; CPython would hang." },
      { python: "(a program that runs too long)", ts: "asyncio.HorizonError / asyncio.WatchdogError", covers: ["HorizonError", "WatchdogError"], note: "Raised past 3,600 virtual seconds or 1,000,000 loop steps, and when a loop keeps the CPU too long." },
    ],
  },
];
