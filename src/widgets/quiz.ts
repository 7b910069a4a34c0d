/**
 * Checks one quiz answer, loaded on the first "Check answer": marks every option right or wrong
 * with its explanation, compares predicted lines one by one with the program's documented
 * output, or a virtual time with the answer; announces the result and keeps it in progress.
 */
import { updateLesson } from "../progress/store.ts";

interface Verdict {
  correct: boolean;
  value: string;
  /** Sentence announced after checking. */
  message: string;
}

/** Tolerance for time answers, in seconds. */
const TIME_TOLERANCE = 0.001;

function checkChoices(question: HTMLElement): Verdict | null {
  const options = [...question.querySelectorAll<HTMLElement>("[data-option]")];
  const chosen = options.filter((option) => option.querySelector<HTMLInputElement>("input")!.checked);
  if (chosen.length === 0) return null;
  let correct = true;
  for (const option of options) {
    const right = option.dataset.key === "1";
    const picked = chosen.includes(option);
    if (right !== picked) correct = false;
    option.dataset.correct = String(right);
    option.toggleAttribute("data-chosen", picked);
    option.querySelector<HTMLElement>("[data-explain]")!.hidden = false;
  }
  const value = chosen.map((option) => options.indexOf(option)).join(",");
  const picked = chosen.map((option) => option.querySelector(".aw-option-text")!.textContent!.trim()).join("; ");
  return {
    correct,
    value,
    message: correct ? `Correct: ${picked}. Each option now shows why it is right or wrong.` : "Not quite. Each option now shows why it is right or wrong; change your answer and check again.",
  };
}

const stripTime = (line: string) => line.replace(/^\s*\[\d+(?:\.\d+)?s\]\s?/, "").trimEnd();

function revealOutput(question: HTMLElement): string[] {
  const expected = question.querySelector<HTMLElement>("[data-expected]");
  if (!expected) return [];
  expected.hidden = false;
  for (const note of question.querySelectorAll("[data-predict-note]")) note.remove();
  return [...expected.querySelectorAll(".aw-line")].map((line) => stripTime(line.textContent ?? ""));
}

function checkPredict(question: HTMLElement): Verdict | null {
  const input = question.querySelector<HTMLTextAreaElement>("[data-predict-input]")!;
  const typed = input.value.split("\n").map(stripTime).filter((line) => line.trim() !== "");
  if (typed.length === 0) return null;
  const expected = revealOutput(question);
  const list = document.createElement("ol");
  list.className = "aw-predicted";
  list.setAttribute("aria-label", "Your lines");
  let right = 0;
  typed.forEach((line, i) => {
    const ok = line === expected[i];
    if (ok) right++;
    const item = document.createElement("li");
    item.dataset.pass = String(ok);
    item.textContent = `${ok ? "Right" : "Wrong"}: ${line}`;
    list.append(item);
  });
  question.querySelector(".aw-predicted")?.remove();
  input.closest(".aw-answer-field")!.after(list);
  const correct = right === expected.length && typed.length === expected.length;
  return {
    correct,
    value: typed.join("\n"),
    message: correct
      ? `Correct: all ${expected.length} lines, in order. Run the program to watch it happen.`
      : `${right} of your ${typed.length} lines match the program's output (${expected.length} lines), which is now shown. Run it to see why.`,
  };
}

function checkTime(question: HTMLElement): Verdict | null {
  const input = question.querySelector<HTMLInputElement>("[data-time-input]")!;
  const raw = input.value.trim().replace(/s$/, "").trim();
  if (raw === "") return null;
  const value = Number(raw);
  const answer = Number(question.dataset.answer);
  const line = question.dataset.timeLine ?? "";
  if (!Number.isFinite(value)) {
    return { correct: false, value: raw, message: `“${input.value}” is not a number of seconds; type a time such as 2.5.` };
  }
  const correct = Math.abs(value - answer) <= TIME_TOLERANCE + 1e-9;
  revealOutput(question);
  return {
    correct,
    value: String(value),
    message: correct
      ? `Correct: “${line}” prints at ${answer.toFixed(3)}s.`
      : `Not quite: you said ${value.toFixed(3)}s. The program's output is now shown; run it to see when “${line}” prints.`,
  };
}

/** Checks `question` of `quiz` and records the answer. */
export function checkAnswer(quiz: HTMLElement, question: HTMLElement): void {
  const kind = question.dataset.kind;
  const verdict = kind === "predict" ? checkPredict(question) : kind === "time" ? checkTime(question) : checkChoices(question);
  const feedback = question.querySelector<HTMLElement>("[data-feedback]")!;
  if (verdict === null) {
    feedback.textContent = kind === "predict" ? "Type the lines you expect first." : kind === "time" ? "Type a time first." : "Choose an answer first.";
    return;
  }
  question.dataset.state = verdict.correct ? "correct" : "incorrect";
  feedback.textContent = verdict.message;

  const [lesson = "", quizId = ""] = quiz.dataset.quiz!.split("/");
  const questions = quiz.querySelectorAll("[data-question]");
  let score = 0;
  updateLesson(lesson, (progress) => {
    const record = (progress.quizzes[quizId] ??= { answers: {}, score: 0, total: questions.length });
    record.answers[question.dataset.question!] = { value: verdict.value, correct: verdict.correct };
    record.total = questions.length;
    record.score = score = Object.values(record.answers).filter((answer) => answer.correct).length;
  });
  const answered = [...questions].filter((q) => (q as HTMLElement).dataset.state).length;
  quiz.querySelector("[data-quiz-score]")!.textContent = `Score: ${score} of ${questions.length} right (${answered} answered on this visit).`;
}
