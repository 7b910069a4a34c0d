import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as asyncio from "../../src/runtime/index.ts";
import * as time from "../../src/runtime/time-module.ts";
import { CHEATSHEET } from "../../src/utils/cheatsheet.ts";

const rows = CHEATSHEET.flatMap((section) => section.rows);
const covered = new Set(rows.flatMap((row) => row.covers));

/** Whether `name` (`export`, `Class.member` or `time.name`) is something a program can reach. */
function exists(name: string): boolean {
  const [head, member] = name.split(".") as [string, string | undefined];
  if (head === "time") return member !== undefined && typeof (time as Record<string, unknown>)[member] === "function";
  const value = (asyncio as Record<string, unknown>)[head];
  if (value === undefined) return false;
  if (member === undefined) return true;
  if (typeof value !== "function") return false;
  return member in value.prototype || member in value;
}

describe("the cheat sheet", { timeout: 10_000 }, () => {
  test("covers every value the asyncio module exports", () => {
    const missing = Object.keys(asyncio).filter((name) => !covered.has(name));
    assert.deepEqual(missing, [], `add a row covering ${missing.join(", ")} to src/utils/cheatsheet.ts`);
  });

  test("covers every function of the time module", () => {
    const missing = Object.keys(time).filter((name) => !covered.has(`time.${name}`));
    assert.deepEqual(missing, [], `add a row covering ${missing.map((name) => `time.${name}`).join(", ")}`);
  });

  test("names only exports and members the runtime has", () => {
    const unknown = [...covered].filter((name) => !exists(name));
    assert.deepEqual(unknown, []);
  });

  test("spells each TypeScript form with the names it covers", () => {
    const unshown = rows.flatMap((row) => row.covers.filter((name) => !row.ts.toLowerCase().includes(name.split(".").at(-1)!.toLowerCase())).map((name) => `${name} in ${row.ts}`));
    assert.deepEqual(unshown, []);
  });

  // Rows may name lessons still to be written; the page links only those that exist.
  test("points only at lessons by their file names", () => {
    for (const row of rows) {
      if (row.lesson === undefined) continue;
      assert.match(row.lesson, /^\d\d-[a-z0-9-]+$/, row.python);
    }
  });
});
