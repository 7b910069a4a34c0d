/**
 * Grades a finished run against an exercise's checks. Each outcome says what the run did and
 * what the goal is, then the author's advice when the check failed. Runs in the sandbox worker
 * (and in Node for the content tests), never on the page.
 */
import { callsOf, listCalls, type Call } from "../compiler/calls.ts";
import { formatLine, type RunResult } from "../sandbox/protocol.ts";
import type { Check, CheckKind, Comparison } from "./checks.ts";
import { blockingCalls, longestOverlap, maxConcurrency } from "./run-facts.ts";

export interface CheckOutcome {
  kind: CheckKind;
  /** The check as written. */
  text: string;
  pass: boolean;
  /** One or two sentences: what the run did, what the goal is; the advice follows a failure. */
  message: string;
}

/** A predicate check's module: null when the run passes, else the message. */
export type Predicate = (result: RunResult) => string | null;

/** Loads a predicate by its path in the lesson folder, e.g. `checks/no-orphans.ts`. */
export type PredicateLoader = (path: string) => Promise<Predicate>;

const s = (n: number) => `${n.toFixed(3)} s`;
const quote = (text: string) => `“${text}”`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function compare(op: Comparison, actual: number, goal: number): boolean {
  const a = Math.round(actual * 1000);
  const g = Math.round(goal * 1000);
  return op === "at most" ? a <= g : op === "at least" ? a >= g : a === g;
}

function stdout(result: RunResult, timed: boolean): string[] {
  return result.lines.filter((l) => l.stream === "stdout").map((l) => (timed ? formatLine(l) : l.text));
}

function gradeOutput(check: Extract<Check, { kind: "output" }>, result: RunResult): [boolean, string] {
  const lines = stdout(result, check.timed);
  if (check.mode === "contains") {
    const [text] = check.lines as [string];
    return lines.some((l) => l.includes(text))
      ? [true, `Your program printed a line containing ${quote(text)}.`]
      : [false, `No line your program printed contains ${quote(text)}; the goal is a line that does.`];
  }
  if (check.mode === "in order") {
    let from = 0;
    for (const [k, want] of check.lines.entries()) {
      const at = lines.indexOf(want, from);
      if (at === -1) {
        const goal = `the goal is ${check.lines.map(quote).join(", ")} in this order.`;
        return [
          false,
          lines.includes(want)
            ? `Your program printed ${quote(want)} before ${quote(check.lines[k - 1]!)}; ${goal}`
            : `Your program never printed ${quote(want)}; ${goal}`,
        ];
      }
      from = at + 1;
    }
    return [true, `Your program printed ${check.lines.map(quote).join(", ")} in this order.`];
  }
  for (let i = 0; i < Math.max(lines.length, check.lines.length); i++) {
    if (lines[i] === check.lines[i]) continue;
    const got = lines[i] === undefined ? "nothing more" : quote(lines[i]!);
    const want = check.lines[i] === undefined ? "no more lines" : quote(check.lines[i]!);
    return [false, `Line ${i + 1} of your output is ${got}; the goal is ${want} (${plural(check.lines.length, "line")} in all).`];
  }
  return [true, `Your program printed exactly the ${plural(check.lines.length, "expected line")}.`];
}

function gradeUses(check: Extract<Check, { kind: "uses" }>, calls: Call[] | Error): [boolean, string] {
  const names = check.names.map((n) => `\`${n}\``).join(" or ");
  if (calls instanceof Error) return [false, `Your program does not compile (${calls.message}), so it calls nothing yet; fix the syntax first.`];
  const found = check.names.flatMap((name) => callsOf(calls, name));
  if (check.negated) {
    if (found.length === 0) return [true, `Your program never calls ${names}.`];
    return [false, `Your program calls ${names} on line ${found.map((c) => c.line).join(", ")}; the goal is a program that does not.`];
  }
  if (found.length > 0) return [true, `Your program calls ${names} (line ${found[0]!.line}).`];
  return [false, `Your program never calls ${names}; the goal is a program that does.`];
}

function gradeOne(check: Check, result: RunResult, calls: Call[] | Error): [boolean, string] {
  switch (check.kind) {
    case "output":
      return gradeOutput(check, result);
    case "duration": {
      const took = result.stats.virtualTime;
      const pass = compare(check.op, took, check.seconds);
      return [pass, `Your program took ${s(took)} of virtual time; the goal is ${check.op} ${s(check.seconds)}.`];
    }
    case "concurrency": {
      const most = maxConcurrency(result, check.fn);
      const which = check.fn ? `task running \`${check.fn}\`` : "task besides main";
      const pass = compare(check.op, most, check.count);
      const did = most === 0 ? `No ${which} ever ran` : `At most ${plural(most, which, which.replace("task", "tasks"))} ${most === 1 ? "was" : "were"} alive at once`;
      return [pass, `${did}; the goal is ${check.op} ${check.count} at the same time.`];
    }
    case "overlap": {
      const stretch = longestOverlap(result, check.a, check.b);
      if (stretch > 0) return [true, `Tasks running \`${check.a}\` and \`${check.b}\` were alive together for ${s(stretch)}.`];
      return [false, `No task running \`${check.a}\` was alive while one running \`${check.b}\` was; the goal is that they overlap in virtual time.`];
    }
    case "after": {
      const lines = stdout(result, false);
      const find = (text: string) => result.lines.find((l) => l.stream === "stdout" && l.text.includes(text));
      const later = find(check.later);
      const earlier = find(check.earlier);
      const goal = `the goal is ${quote(check.later)} strictly later than ${quote(check.earlier)}.`;
      if (!later || !earlier) {
        const missing = !later ? check.later : check.earlier;
        return [false, `Your program never printed a line containing ${quote(missing)} (it printed ${plural(lines.length, "line")}); ${goal}`];
      }
      const pass = later.t > earlier.t;
      return [pass, `${quote(check.later)} printed at ${s(later.t)} and ${quote(check.earlier)} at ${s(earlier.t)}; ${goal}`];
    }
    case "blocking": {
      const calls = blockingCalls(result);
      if (calls.length === 0) return [true, "No blocking call ran while other tasks waited."];
      const first = calls[0]!;
      return [false, `\`${first.detail}\` blocked the loop at ${s(first.t)} while ${plural(first.others, "other task")} waited; the goal is a program that never blocks the loop.`];
    }
    case "ends": {
      const error = result.error;
      const got = error ? `ended with ${error.name}: ${error.message}` : "ended without an error";
      const pass = (error?.name ?? null) === check.error;
      return [pass, `Your program ${got}; the goal is that it ends ${check.error ? `with ${check.error}` : "without an error"}.`];
    }
    case "uses":
      return gradeUses(check, calls);
    case "predicate":
      throw new Error("predicate checks are graded by gradeRun");
  }
}

/**
 * Grades `result` (the run of `source`) against `checks`, in order.
 *
 * @example
 * const outcomes = await gradeRun(source, parseChecks("duration at most 3"), await runProgram(source));
 * outcomes[0].message; // "Your program took 6.000 s of virtual time; the goal is at most 3.000 s."
 */
export async function gradeRun(source: string, checks: Check[], result: RunResult, loadPredicate?: PredicateLoader): Promise<CheckOutcome[]> {
  let calls: Call[] | Error;
  try {
    calls = listCalls(source);
  } catch (error) {
    calls = error instanceof Error ? error : new Error(String(error));
  }
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    let pass: boolean;
    let message: string;
    if (check.kind === "predicate") {
      try {
        if (!loadPredicate) throw new Error("no predicate loader in this host");
        const verdict = (await loadPredicate(check.path))(result);
        pass = verdict === null;
        message = verdict ?? "Your program passes this check.";
      } catch (error) {
        pass = false;
        message = `The check ${check.path} could not run: ${(error as Error).message}.`;
      }
    } else {
      [pass, message] = gradeOne(check, result, calls);
    }
    if (!pass && check.advice) message = `${message} ${check.advice}`;
    outcomes.push({ kind: check.kind, text: check.text, pass, message });
  }
  return outcomes;
}
