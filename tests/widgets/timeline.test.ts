import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildTimeline, MAX_LANES, MAX_SLOTS, ticks, type Lane, type Position, type Timeline } from "../../src/widgets/timeline-model.ts";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";\nimport * as time from "time";`;

async function timelineOf(...lines: string[]): Promise<Timeline> {
  const result = await run(program(head, ...lines));
  return buildTimeline(result);
}

function lane(timeline: Timeline, label: string): Lane {
  const found = timeline.lanes.find((l) => l.label === label);
  assert.ok(found, `no lane ${label} in ${timeline.lanes.map((l) => l.label).join(", ")}`);
  return found;
}

const at = (p: Position) => `${p.t}:${p.slot}`;

const gather = [
  `async function nap(name: string, seconds: number) {`,
  `  await asyncio.sleep(seconds);`,
  `  console.log(\`\${name} woke up\`);`,
  `}`,
  `asyncio.run(async () => {`,
  `  await asyncio.gather(asyncio.createTask(() => nap("a", 1)), asyncio.createTask(() => nap("b", 2)));`,
  `  console.log("both done");`,
  `});`,
];

describe("timeline model", () => {
  test("gives each task a lane, in order of appearance, with what it waited on and printed", async () => {
    const timeline = await timelineOf(...gather);
    assert.deepEqual(
      timeline.lanes.map((l) => l.label),
      ["Task-1", "Task-2", "Task-3"],
    );
    assert.equal(timeline.end, 2);
    assert.deepEqual(lane(timeline, "Task-1").waits.map((w) => [w.from.t, w.to.t, w.label]), [[0, 2, "gather()"]]);
    assert.deepEqual(lane(timeline, "Task-3").waits.map((w) => [w.from.t, w.to.t, w.label]), [[0, 2, "sleep(2)"]]);
    assert.deepEqual(lane(timeline, "Task-2").prints.map((p) => [p.at.t, p.text]), [[1, "a woke up"]]);
    assert.deepEqual(lane(timeline, "Task-1").prints.map((p) => [p.at.t, p.text]), [[2, "both done"]]);
    for (const l of timeline.lanes) assert.equal(l.end?.state, "finished", l.label);
  });

  test("names each lane by what its task runs", async () => {
    const timeline = await timelineOf(
      `async function nap(name: string, seconds: number) { await asyncio.sleep(seconds); }`,
      `async function main() {`,
      `  await asyncio.gather(asyncio.createTask(() => nap("a", 1)), asyncio.createTask(nap("b", 2), { name: "worker 2" }));`,
      `}`,
      `asyncio.run(main);`,
    );
    assert.deepEqual(
      timeline.lanes.map((l) => [l.label, l.call]),
      [
        ["Task-1", "main()"],
        ["Task-2", 'nap("a", 1)'],
        ["worker 2", "nap(…)"],
      ],
    );
  });

  test("orders the steps of one instant by slot, as they ran", async () => {
    const timeline = await timelineOf(...gather);
    // At t=2 Task-3 resumes, prints and finishes; only then does gather wake Task-1.
    const b = lane(timeline, "Task-3");
    const main = lane(timeline, "Task-1");
    assert.deepEqual(b.runs.map((r) => `${at(r.from)}-${at(r.to)}`), ["0:2-0:3", "2:0-2:2"]);
    assert.equal(at(b.prints[0]!.at), "2:1");
    assert.equal(at(b.end!.at), "2:2");
    assert.deepEqual(main.runs.map((r) => `${at(r.from)}-${at(r.to)}`), ["0:0-0:1", "2:3-2:5"]);
    assert.equal(at(main.prints[0]!.at), "2:4");
  });

  test("widens the axis so that no instant's steps reach the next instant", async () => {
    const timeline = await timelineOf(
      `asyncio.run(async () => {`,
      `  for (let i = 0; i < 8; i++) asyncio.createTask(async () => { console.log("go"); await asyncio.sleep(0.05); });`,
      `  await asyncio.sleep(1);`,
      `});`,
    );
    const positions = timeline.lanes.flatMap((l) => [
      ...l.runs.flatMap((r) => [r.from, r.to]),
      ...l.prints.map((p) => p.at),
      ...(l.end ? [l.end.at] : []),
    ]);
    const steps = (p: Position) => (p.t / timeline.end) * timeline.minSteps + p.slot;
    const byTime = [...positions].sort((a, b) => a.t - b.t || a.slot - b.slot);
    for (const [i, p] of byTime.entries()) {
      const next = byTime[i + 1];
      if (next && next.t > p.t) assert.ok(steps(next) > steps(p), `${at(p)} would be drawn past ${at(next)}`);
    }
    assert.ok(timeline.minSteps > 300, `minSteps ${timeline.minSteps}`);
  });

  test("draws time.sleep as a block over every lane while the blocking task keeps running", async () => {
    const timeline = await timelineOf(
      `asyncio.run(async () => {`,
      `  asyncio.createTask(async () => { await asyncio.sleep(1); console.log("late"); });`,
      `  await asyncio.sleep(0);`,
      `  time.sleep(2);`,
      `  await asyncio.sleep(1);`,
      `});`,
    );
    assert.deepEqual(timeline.blocks.map((b) => [b.from.t, b.to.t, b.label]), [[0, 2, "time.sleep(2)"]]);
    assert.deepEqual(lane(timeline, "Task-1").runs.map((r) => [r.from.t, r.to.t]), [[0, 0], [0, 2], [3, 3]]);
    // The task due at t=1 only gets the loop at t=2.
    assert.deepEqual(lane(timeline, "Task-2").prints.map((p) => p.at.t), [2]);
    // Its sleep was over at t=1: from then until t=2 it is ready, held up by the blocked loop.
    assert.deepEqual(lane(timeline, "Task-2").waits.map((w) => [w.from.t, w.to.t, w.label]), [[0, 1, "sleep(1)"]]);
    assert.deepEqual(lane(timeline, "Task-2").readies.map((r) => [r.from.t, r.to.t]), [[1, 2]]);
    assert.deepEqual(lane(timeline, "Task-1").readies, []);
    assert.ok(timeline.moments[0]!.entries.includes("everything is blocked in time.sleep(2) until t=2.000s"));
  });

  test("ends a step that stops without a suspension of its own when the clock moves on", async () => {
    // work() is called eagerly: its sleep is recorded, main's await of its promise is not.
    const timeline = await timelineOf(
      `async function work() { console.log("work: started"); await asyncio.sleep(1); return 1; }`,
      `asyncio.run(async () => {`,
      `  const pending = work();`,
      `  console.log("main: called work()");`,
      `  await pending;`,
      `});`,
    );
    const main = lane(timeline, "Task-1");
    assert.deepEqual(main.runs.map((r) => `${at(r.from)}-${at(r.to)}`), ["0:0-0:2", "0:2-0:4", "1:0-1:1"]);
    assert.deepEqual(main.waits.map((w) => `${at(w.from)}-${at(w.to)} ${w.label}`), ["0:4-1:0 sleep(1)"]);
    // The timer that wakes it is not a callback of the program.
    assert.deepEqual(timeline.lanes.map((l) => l.label), ["Task-1"]);
  });

  test("draws an eagerly started coroutine in its task's lane, inside its caller's step", async () => {
    const timeline = await timelineOf(
      `async function child() { console.log("child runs"); await asyncio.sleep(1); }`,
      `asyncio.run(async () => {`,
      `  const task = asyncio.createTask(child());`,
      `  console.log("main goes on");`,
      `  await task;`,
      `});`,
    );
    const [main, child] = [lane(timeline, "Task-1"), lane(timeline, "Task-2")];
    assert.deepEqual(child.runs.map((r) => `${at(r.from)}-${at(r.to)}`), ["0:1-0:3", "1:0-1:1"]);
    assert.deepEqual(child.waits.map((w) => `${at(w.from)}-${at(w.to)} ${w.label}`), ["0:3-1:0 sleep(1)"]);
    assert.deepEqual(main.prints.map((p) => at(p.at)), ["0:3"]);
    assert.ok(main.runs[0]!.from.slot < child.runs[0]!.from.slot && main.runs[0]!.to.slot > child.runs[0]!.to.slot);
  });

  test("ends each lane as finished, cancelled, failed, or still waiting", async () => {
    const ended = await timelineOf(
      `asyncio.run(async () => {`,
      `  const sleepy = asyncio.createTask(() => asyncio.sleep(10), { name: "sleepy" });`,
      `  const broken = asyncio.createTask(async () => { throw new Error("bad"); }, { name: "broken" });`,
      `  await asyncio.sleep(1);`,
      `  sleepy.cancel();`,
      `  await asyncio.gather(sleepy, broken, { returnExceptions: true });`,
      `});`,
    );
    assert.deepEqual(lane(ended, "sleepy").end, { state: "cancelled", at: { t: 1, slot: 1 } });
    assert.deepEqual(lane(ended, "broken").end, { state: "failed", at: { t: 0, slot: 3 }, detail: "Error: bad" });
    assert.equal(lane(ended, "Task-1").end?.state, "finished");

    const deadlocked = await timelineOf(`asyncio.run(async () => { await asyncio.getRunningLoop().createFuture(); });`);
    assert.deepEqual(lane(deadlocked, "Task-1").end, { state: "waiting", at: { t: 0, slot: 1 }, detail: "<Future [pending]>" });
  });

  test("puts top-level code and callbacks in the main program lane, but not the timers that wake tasks", async () => {
    const timeline = await timelineOf(
      `console.log("top");`,
      `asyncio.run(async () => {`,
      `  asyncio.getRunningLoop().callLater(0.5, () => console.log("tick"));`,
      `  await asyncio.sleep(1);`,
      `});`,
    );
    assert.deepEqual(timeline.lanes.map((l) => l.label), ["main program", "Task-1"]);
    const main = lane(timeline, "main program");
    assert.deepEqual(main.prints.map((p) => [p.at.t, p.text]), [[0, "top"], [0.5, "tick"]]);
    assert.deepEqual(main.runs.map((r) => r.from.t), [0, 0.5]);
    assert.equal(main.end, null);
  });

  test("leaves the main program lane out when the top level only starts asyncio.run", async () => {
    const timeline = await timelineOf(`asyncio.run(async () => { await asyncio.sleep(1); });`);
    assert.deepEqual(timeline.lanes.map((l) => l.label), ["Task-1"]);
  });

  test("tells what happened as sentences grouped by virtual time", async () => {
    const timeline = await timelineOf(...gather);
    assert.deepEqual(timeline.moments, [
      { t: 0, entries: ["Task-1 started; waits on gather()", "Task-2 started; waits on sleep(1)", "Task-3 started; waits on sleep(2)"] },
      { t: 1, entries: ['Task-2 resumed; prints "a woke up"; finished'] },
      { t: 2, entries: ['Task-3 resumed; prints "b woke up"; finished', 'Task-1 resumed; prints "both done"; finished'] },
    ]);
  });

  test("stops drawing a runaway trace after MAX_SLOTS steps and says so", async () => {
    const timeline = await timelineOf(`for (let i = 0; i < ${MAX_SLOTS + 10}; i++) console.log(i);`);
    assert.equal(timeline.truncated, true);
    assert.equal(lane(timeline, "main program").prints.length, MAX_SLOTS - 1);
    assert.match(timeline.moments.at(-1)!.entries.at(-1)!, /the timeline stops here/);
  });

  test("draws at most MAX_LANES lanes, and none for tasks the cut trace never ran", async () => {
    const timeline = await timelineOf(
      `asyncio.run(async () => {`,
      `  const tasks = [];`,
      `  for (let i = 0; i < 3000; i++) tasks.push(asyncio.createTask(() => asyncio.sleep(1)));`,
      `  await asyncio.gather(...tasks);`,
      `});`,
    );
    assert.equal(timeline.truncated, true);
    assert.equal(timeline.lanes.length, MAX_LANES);
    for (const l of timeline.lanes) assert.ok(l.runs.length > 0, l.label);
  });
});

describe("axis ticks", () => {
  test("steps by 1, 2 or 5 times a power of ten, from 0 to the end", () => {
    assert.deepEqual(ticks(3), [0, 1, 2, 3]);
    assert.deepEqual(ticks(10), [0, 2, 4, 6, 8, 10]);
    assert.deepEqual(ticks(0.75), [0, 0.2, 0.4, 0.6]);
    assert.deepEqual(ticks(3600), [0, 1000, 2000, 3000]);
    assert.deepEqual(ticks(0), [0]);
  });
});
