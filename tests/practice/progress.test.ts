/**
 * The progress record: migration from the first draft's shape, the lesson status shown in the
 * sidebar, and the zod schema imports are validated with.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyLesson, emptyProgress, lessonStatus, migrate, ProgressFormatError, type LessonTotals } from "../../src/progress/model.ts";
import { parseProgress } from "../../src/progress/schema.ts";

const totals: LessonTotals = { slug: "01-x", title: "X", href: "/lessons/01-x/", exercises: 2, quizzes: 1, examples: 5 };

test("migrates the versionless first shape to version 1", { timeout: 5000 }, () => {
  const migrated = migrate({ lessons: { "01-x": { examples: ["01-x/a", 3] } } });
  assert.deepEqual(migrated, { version: 1, lessons: { "01-x": { ...emptyLesson(), examplesRun: ["01-x/a"] } }, lastLesson: null });
  assert.deepEqual(migrate(emptyProgress()), emptyProgress());
});

test("refuses records of unknown versions or shapes", { timeout: 5000 }, () => {
  assert.throws(() => migrate("text"), ProgressFormatError);
  assert.throws(() => migrate({ version: 7, lessons: {} }), /unknown progress version 7/);
  assert.throws(() => migrate({ version: 1, lessons: { a: { examplesRun: "x" } } }), /malformed/);
});

test("a lesson is not started, in progress, or done with counts", { timeout: 5000 }, () => {
  assert.deepEqual(lessonStatus(totals, undefined), { status: "not-started", done: 0, total: 3 });
  const lesson = { ...emptyLesson(), examplesRun: ["01-x/a"] };
  assert.equal(lessonStatus(totals, lesson).status, "in-progress");
  lesson.exercises = { a: { code: "", passedAt: "2026-01-01T00:00:00Z" }, b: { code: "", passedAt: "2026-01-01T00:00:00Z" } };
  lesson.quizzes = { q: { answers: { one: { value: "0", correct: true } }, score: 1, total: 2 } };
  assert.deepEqual(lessonStatus(totals, lesson), { status: "in-progress", done: 2, total: 3 });
  lesson.quizzes.q!.answers.two = { value: "1", correct: false };
  assert.deepEqual(lessonStatus(totals, lesson), { status: "done", done: 3, total: 3 });
});

test("the schema accepts a stored record and names what is wrong in a bad one", { timeout: 5000 }, () => {
  const good = { ...emptyProgress(), lessons: { "01-x": { ...emptyLesson(), lastVisit: "2026-01-01T10:00:00.000Z" } }, lastLesson: "01-x" };
  assert.deepEqual(parseProgress(good), { ok: true, progress: good });
  const bad = parseProgress({ ...good, lessons: { "01-x": { ...emptyLesson(), exercises: { a: { code: 3, passedAt: "x" } } } } });
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /^lessons\.01-x\.exercises\.a\.code: /);
  assert.equal(parseProgress({ version: 2, lessons: {}, lastLesson: null }).ok, false);
});
