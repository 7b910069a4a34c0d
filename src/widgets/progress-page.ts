/**
 * The /progress/ page: every lesson's examples run, exercises passed, quiz scores and last visit;
 * Export downloads the stored record as JSON, Import replaces it from such a file once the file
 * passes the schema (a bad file changes nothing), Reset deletes it after a confirmation.
 */
import { emptyProgress, lessonStatus, migrate, type LessonTotals, type Progress } from "../progress/model.ts";
import { parseProgress } from "../progress/schema.ts";
import { loadProgress, onProgressChange, progressProblem, replaceProgress } from "../progress/store.ts";

const LABELS = { done: "Done", "in-progress": "In progress", "not-started": "Not started" } as const;

function totals(): LessonTotals[] {
  return JSON.parse(document.getElementById("aw-lesson-totals")?.textContent ?? "[]") as LessonTotals[];
}

function cell(tag: "td" | "th", text: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

function render(root: HTMLElement): void {
  const progress = loadProgress();
  const table = document.createElement("table");
  table.className = "aw-progress-table";
  table.dataset.progressTable = "";
  const caption = document.createElement("caption");
  caption.textContent = "Progress per lesson";
  const head = document.createElement("tr");
  for (const title of ["Lesson", "Status", "Examples run", "Exercises passed", "Quiz score", "Last visit"]) {
    const th = cell("th", title);
    th.setAttribute("scope", "col");
    head.append(th);
  }
  table.append(caption, head);
  for (const lesson of totals()) {
    const record = progress.lessons[lesson.slug];
    const { status } = lessonStatus(lesson, record);
    const row = document.createElement("tr");
    row.dataset.lessonRow = lesson.slug;
    const name = document.createElement("th");
    name.setAttribute("scope", "row");
    const link = document.createElement("a");
    link.href = lesson.href;
    link.textContent = lesson.title;
    name.append(link);
    const quizzes = Object.values(record?.quizzes ?? {});
    const score = quizzes.length ? quizzes.map((quiz) => `${quiz.score} of ${quiz.total}`).join(", ") : `— (${lesson.quizzes} quiz${lesson.quizzes === 1 ? "" : "zes"})`;
    row.append(
      name,
      cell("td", LABELS[status]),
      cell("td", `${record?.examplesRun.length ?? 0} of ${lesson.examples}`),
      cell("td", `${Object.keys(record?.exercises ?? {}).length} of ${lesson.exercises}`),
      cell("td", score),
      cell("td", record?.lastVisit ? new Date(record.lastVisit).toLocaleString() : "never"),
    );
    table.append(row);
  }
  const summary = root.querySelector<HTMLElement>("[data-progress-summary]")!;
  summary.replaceChildren(table);
  const problem = progressProblem();
  if (problem) {
    const note = document.createElement("p");
    note.textContent = `Progress cannot be kept right now: ${problem}.`;
    summary.prepend(note);
  }
}

function download(progress: Progress): void {
  const blob = new Blob([JSON.stringify(progress, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "awaitable-progress.json";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

async function importFile(file: File): Promise<string> {
  let data: unknown;
  try {
    data = JSON.parse(await file.text());
  } catch {
    return `${file.name} is not a JSON file. Nothing was changed.`;
  }
  let migrated: unknown = data;
  try {
    migrated = migrate(data);
  } catch {
    // The schema's message below says what is wrong.
  }
  const parsed = parseProgress(migrated);
  if (!parsed.ok) return `${file.name} is not an Awaitable progress export (${parsed.message}). Nothing was changed.`;
  return replaceProgress(parsed.progress)
    ? `Imported your progress from ${file.name}.`
    : "The file is valid, but this browser cannot keep progress, so it lasts only until you leave.";
}

export function initProgressPage(): void {
  const root = document.querySelector<HTMLElement>("[data-progress-page]");
  if (!root) return;
  const status = root.querySelector<HTMLElement>("[data-status]")!;
  const confirm = root.querySelector<HTMLElement>("[data-confirm]")!;
  render(root);
  onProgressChange(() => render(root));
  root.querySelector("[data-action=export]")!.addEventListener("click", () => {
    download(loadProgress());
    status.textContent = "Downloaded awaitable-progress.json.";
  });
  const input = root.querySelector<HTMLInputElement>("[data-import-file]")!;
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = await importFile(file);
    input.value = "";
  });
  root.querySelector("[data-action=reset]")!.addEventListener("click", () => {
    const text = document.createElement("p");
    text.textContent = "Delete all your progress in this browser? This cannot be undone; export it first to keep a copy.";
    const yes = document.createElement("button");
    yes.type = "button";
    yes.className = "aw-button";
    yes.textContent = "Delete my progress";
    const no = document.createElement("button");
    no.type = "button";
    no.className = "aw-button";
    no.textContent = "Cancel";
    const close = (message: string) => {
      confirm.hidden = true;
      confirm.replaceChildren();
      status.textContent = message;
    };
    yes.addEventListener("click", () => close(replaceProgress(emptyProgress()) ? "Your progress was deleted." : "Your progress was cleared for this visit."));
    no.addEventListener("click", () => close("Nothing was deleted."));
    confirm.replaceChildren(text, yes, no);
    confirm.hidden = false;
    yes.focus();
  });
}
