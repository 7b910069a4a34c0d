/**
 * Shows a run's output as it arrives, whatever its volume, without freezing the page.
 *
 * - Lines are rendered in batches, once per animation frame and within a time budget, each
 *   batch added as one element: observers of the page (the code blocks' scripts watch the whole
 *   body for added nodes) see one added node per frame, not one per line.
 * - Past a number of lines or characters the view stops adding lines, keeps only the last few,
 *   and on finish shows "output truncated after N lines", then those last lines, so the end of
 *   the output stays visible; the full text can be downloaded.
 */
import {
  OUTPUT_CHAR_LIMIT,
  OUTPUT_KEEP_CHARS,
  OUTPUT_LINE_LIMIT,
  OUTPUT_TAIL_LINES,
} from "../sandbox/limits.ts";
import { formatLine, type OutputLine } from "../sandbox/protocol.ts";

/** Real milliseconds of rendering per animation frame. */
const FRAME_BUDGET_MS = 6;
/** Characters one line shows at most; the rest is in the download. */
const LINE_CHAR_LIMIT = 10_000;

const plural = (n: number, word: string): string => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function lineElement(line: OutputLine): HTMLElement {
  const span = document.createElement("span");
  span.className = `aw-line aw-${line.stream}`;
  let text = formatLine(line);
  if (text.length > LINE_CHAR_LIMIT) {
    text = `${text.slice(0, LINE_CHAR_LIMIT)} … (${plural(text.length - LINE_CHAR_LIMIT, "more character")}, in the download)`;
  }
  span.textContent = text;
  return span;
}

export class OutputView {
  readonly element: HTMLElement;
  /** Lines received so far, shown or not. */
  received = 0;
  #pending: OutputLine[] = [];
  #shown = 0;
  #shownChars = 0;
  #tail: OutputLine[] = [];
  #omitted = 0;
  #text: string[] = [];
  #textChars = 0;
  #textFull = false;
  #frame = 0;
  /** Set when a line was shown cut short, so the full text is offered even without truncation. */
  #cut = false;
  #download: HTMLAnchorElement | null = null;

  constructor(element: HTMLElement) {
    this.element = element;
  }

  /** Clears the view for a new run. */
  reset(): void {
    // Assistive technology waits for the run to end instead of following every batch.
    this.element.setAttribute("aria-busy", "true");
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.element.replaceChildren();
    this.received = 0;
    this.#pending = [];
    this.#shown = 0;
    this.#shownChars = 0;
    this.#tail = [];
    this.#omitted = 0;
    this.#text = [];
    this.#textChars = 0;
    this.#textFull = false;
    this.#cut = false;
    if (this.#download) {
      URL.revokeObjectURL(this.#download.href);
      this.#download.remove();
      this.#download = null;
    }
  }

  /** Queues lines for display; they appear on the next animation frames. */
  push(lines: readonly OutputLine[]): void {
    for (const line of lines) {
      this.received++;
      this.#keepText(line);
      if (this.#full()) {
        this.#omitted++;
        this.#tail.push(line);
        if (this.#tail.length > OUTPUT_TAIL_LINES * 2) this.#tail = this.#tail.slice(-OUTPUT_TAIL_LINES);
        continue;
      }
      this.#pending.push(line);
      if (line.text.length > LINE_CHAR_LIMIT - 20) this.#cut = true;
      this.#shown++;
      this.#shownChars += Math.min(line.text.length, LINE_CHAR_LIMIT);
    }
    if (this.#pending.length > 0 && this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#render());
  }

  /** Shows every line of `all` not yet received, then the truncation notice if lines were left out. */
  finish(all: readonly OutputLine[], omittedByHost = 0): void {
    this.element.removeAttribute("aria-busy");
    if (all.length > this.received) this.push(all.slice(this.received));
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#append(this.#pending.splice(0));
    const omitted = this.#omitted + omittedByHost;
    if (omitted === 0) {
      if (this.#cut) this.#offerDownload(omittedByHost);
      return;
    }
    const tail = this.#tail.slice(-OUTPUT_TAIL_LINES);
    const hidden = omitted - tail.length;
    const notice = document.createElement("span");
    notice.className = "aw-truncated";
    notice.dataset.truncated = String(this.#shown);
    notice.textContent =
      `… output truncated after ${plural(this.#shown, "line")}: ` +
      (hidden > 0 ? `${plural(hidden, "more line")} not shown` : "") +
      (tail.length > 0 ? `${hidden > 0 ? ", then " : ""}the last ${plural(tail.length, "line")}:` : "");
    const chunk = document.createElement("span");
    chunk.className = "aw-chunk";
    if (this.element.childNodes.length > 0) chunk.append("\n");
    chunk.append(notice);
    for (const line of tail) chunk.append("\n", lineElement(line));
    this.element.append(chunk);
    this.#offerDownload(omittedByHost);
  }

  #full(): boolean {
    return this.#shown >= OUTPUT_LINE_LIMIT || this.#shownChars >= OUTPUT_CHAR_LIMIT;
  }

  #keepText(line: OutputLine): void {
    if (this.#textFull) return;
    const text = formatLine(line);
    if (this.#textChars + text.length > OUTPUT_KEEP_CHARS) {
      this.#textFull = true;
      this.#text.push(`… the output went on past ${plural(OUTPUT_KEEP_CHARS, "character")}; the rest was not kept.`);
      return;
    }
    this.#textChars += text.length + 1;
    this.#text.push(text);
  }

  #render(): void {
    this.#frame = 0;
    const start = performance.now();
    const batch: OutputLine[] = [];
    let taken = 0;
    while (taken < this.#pending.length) {
      batch.push(this.#pending[taken++]!);
      if ((taken & 63) === 0 && performance.now() - start > FRAME_BUDGET_MS) break;
    }
    this.#pending.splice(0, taken);
    this.#append(batch);
    if (this.#pending.length > 0) this.#frame = requestAnimationFrame(() => this.#render());
  }

  /** Adds lines as one element, so observers of the page see one added node. */
  #append(lines: readonly OutputLine[]): void {
    if (lines.length === 0) return;
    const chunk = document.createElement("span");
    chunk.className = "aw-chunk";
    let first = this.element.childNodes.length === 0;
    for (const line of lines) {
      if (!first) chunk.append("\n");
      first = false;
      chunk.append(lineElement(line));
    }
    this.element.append(chunk);
  }

  #offerDownload(omittedByHost: number): void {
    const text = this.#text.join("\n") + (omittedByHost > 0 ? `\n… ${plural(omittedByHost, "more line")} were not kept.` : "");
    const link = document.createElement("a");
    link.className = "aw-download";
    link.href = URL.createObjectURL(new Blob([`${text}\n`], { type: "text/plain" }));
    link.download = "output.txt";
    link.textContent = `Download the full output (${plural(this.received + omittedByHost, "line")})`;
    this.element.after(link);
    this.#download = link;
  }
}
