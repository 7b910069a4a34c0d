/**
 * Every scenario of the reference tutorials the course was written from has a place in a lesson.
 * `seed-scenarios.md` is the table: seed, scenario, lesson, example id, and the lines the seed
 * documents for it, which the example's documented output must print in that order (times and
 * wording aside, the same story). The examples test proves that documented output is what the
 * program really prints, and CPython what the Python original prints.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { loadLessons } from "../e2e/lessons.ts";

interface Row {
  line: number;
  seed: string;
  scenario: string;
  lesson: string;
  example: string;
  lines: string[];
}

const TABLE = new URL("./seed-scenarios.md", import.meta.url);

function readTable(): Row[] {
  const rows: Row[] = [];
  readFileSync(TABLE, "utf8")
    .split("\n")
    .forEach((text, i) => {
      if (!text.startsWith("|") || /^\|\s*(seed|-)/.test(text)) return;
      const cells = text.split("|").slice(1, -1).map((cell) => cell.trim());
      assert.equal(cells.length, 5, `seed-scenarios.md:${i + 1}: a row has 5 cells: seed | scenario | lesson | example | lines`);
      const [seed, scenario, lesson, example, lines] = cells as [string, string, string, string, string];
      rows.push({ line: i + 1, seed, scenario, lesson, example: example.replace(/`/g, ""), lines: lines.split(" / ").map((l) => l.replace(/`/g, "").trim()) });
    });
  return rows;
}

const rows = readTable();
const lessons = loadLessons();
const seeds = new Set(rows.map((row) => row.seed));

test("the table lists scenarios from every seed", () => {
  const files = readFileSync(new URL("./seed-scenarios.md", import.meta.url), "utf8").match(/^- `(\d{3})[^`]*`/gm) ?? [];
  assert.ok(files.length >= 1, "seed-scenarios.md lists the seed files it covers");
  for (const file of files) {
    const id = /`(\d{3})/.exec(file)![1]!;
    assert.ok(seeds.has(id), `seed ${id} is listed but has no scenario row`);
  }
});

describe("every seed scenario", { timeout: 10_000 }, () => {
  for (const row of rows) {
    test(`seed ${row.seed}: ${row.scenario} (${row.lesson}#${row.example})`, () => {
      const lesson = lessons.find((candidate) => candidate.file.endsWith(`/${row.lesson}.mdx`));
      assert.ok(lesson, `seed-scenarios.md:${row.line}: no lesson content/lessons/${row.lesson}.mdx`);
      const example = lesson.examples.find((candidate) => candidate.id === row.example);
      assert.ok(example, `seed-scenarios.md:${row.line}: ${row.lesson} has no runnable example \`${row.example}\``);
      const printed = example.expected.lines.map((line) => line.replace(/^\[\d+\.\d{3}s\] ?/, ""));
      let at = 0;
      for (const wanted of row.lines) {
        const found = printed.findIndex((line, i) => i >= at && line.includes(wanted));
        assert.ok(found >= 0, `seed-scenarios.md:${row.line}: ${row.lesson}#${row.example} does not print "${wanted}" after line ${at} of:\n${printed.join("\n")}`);
        at = found + 1;
      }
    });
  }
});
