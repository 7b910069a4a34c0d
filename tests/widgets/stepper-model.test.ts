import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runProgram } from "../../src/sandbox/program.ts";
import { buildReplay, nextPrint } from "../../src/widgets/stepper-model.ts";

const program = [
  `import * as asyncio from "asyncio";`,
  `async function worker(name: string, seconds: number) {`,
  `  await asyncio.sleep(seconds);`,
  `  console.log(name);`,
  `}`,
  `async function main() {`,
  `  const a = asyncio.createTask(() => worker("a", 1), { name: "a" });`,
  `  const b = asyncio.createTask(() => worker("b", 2), { name: "b" });`,
  `  await a;`,
  `  await b;`,
  `}`,
  `asyncio.run(main);`,
].join("\n");

async function replay() {
  const result = await runProgram(program, { filename: "main.ts" });
  assert.equal(result.error, null);
  return { result, replay: buildReplay(result) };
}

describe("the stepper's replay", { timeout: 20_000 }, () => {
  test("has a moment per loop step and one for the loop at rest", async () => {
    const { result, replay: r } = await replay();
    assert.equal(r.moments.length, result.steps!.length + 1);
    const end = r.moments.at(-1)!;
    assert.equal(end.running, null);
    assert.equal(end.lines, 2);
    // asyncio.run's own shutdown tasks follow main's; every task has finished.
    assert.deepEqual(
      end.tasks.slice(0, 3).map((t) => `${t.name}: ${t.state}`),
      ["Task-1: finished", "a: finished", "b: finished"],
    );
    assert.ok(end.tasks.every((t) => t.state === "finished"));
  });

  test("shows what stays in the ready queue behind the running handle, FIFO", async () => {
    const { replay: r } = await replay();
    // The top-level code runs outside any loop, as a Python module does: main's first step is the first.
    const [main, a, b] = r.moments;
    assert.equal(main!.running, "Task-1");
    assert.deepEqual(main!.ready, []);
    assert.equal(a!.running, "a");
    assert.equal(a!.why, "starts");
    assert.deepEqual(a!.ready, ["b"]);
    assert.deepEqual(
      a!.tasks.map((t) => `${t.name}: ${t.state}`),
      ["Task-1: waiting on a", "a: running", "b: ready"],
    );
    assert.equal(b!.running, "b");
    assert.deepEqual(b!.ready, []);
    assert.deepEqual(
      b!.tasks.map((t) => `${t.name}: ${t.state}`),
      ["Task-1: waiting on a", "a: waiting on sleep(1)", "b: running"],
    );
  });

  test("lists the timers by deadline and names the sleep timer's step", async () => {
    const { replay: r } = await replay();
    const timer = r.moments.findIndex((m) => m.t === 1);
    assert.equal(r.moments[timer]!.running, "sleep timer (sleep(1))");
    assert.deepEqual(r.moments[timer]!.timers, [{ label: "sleep timer (sleep(2))", deadline: 2 }]);
    // When b's first step starts, its own sleep is not scheduled yet.
    assert.equal(r.moments[timer - 1]!.running, "b");
    assert.deepEqual(r.moments[timer - 1]!.timers.map((t) => t.deadline), [1]);
  });

  test("tells where a task resumes and marks that line", async () => {
    const { replay: r } = await replay();
    const resume = r.moments.find((m) => m.t === 1 && m.running === "a")!;
    assert.equal(resume.why, "resumes after sleep(1) at line 3");
    assert.equal(resume.line, 3);
    assert.equal(resume.prints, 1);
    assert.equal(resume.lines, 0);
  });

  test("jumps to the next step that prints", async () => {
    const { replay: r } = await replay();
    const first = nextPrint(r, 0)!;
    assert.equal(r.moments[first]!.t, 1);
    const second = nextPrint(r, first)!;
    assert.equal(r.moments[second]!.t, 2);
    assert.equal(r.moments[second]!.running, "b");
    assert.equal(nextPrint(r, second), null);
  });

  test("is empty for a run that recorded no steps", () => {
    const r = buildReplay({ steps: [], trace: [], lines: [], stats: { steps: 0, virtualTime: 0, wallMs: 0 } });
    assert.deepEqual(r.moments, []);
  });
});
