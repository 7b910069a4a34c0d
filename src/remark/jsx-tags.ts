/**
 * Finds the practice components (`<Exercise>`, `<Quiz>`, `<Question>`, `<Option>`) in a lesson's
 * MDX source, outside code fences, with their attributes and 1-based lines. Attribute values are
 * plain double-quoted strings or bare flags; `{...}` expressions are refused.
 */
import { ExampleError, type Fence } from "./extract-examples.ts";

export interface Tag {
  name: string;
  closing: boolean;
  attributes: Map<string, string>;
  /** Line of `<`. */
  line: number;
  /** Offset in the source of `<` and just after `>`. */
  start: number;
  end: number;
  /** True for `<Name ... />`. */
  selfClosing: boolean;
}

const NAMES = ["Exercise", "Quiz", "Question", "Option"];
const OPEN = new RegExp(`<(/?)(${NAMES.join("|")})(?=[\\s>/])`, "g");
const ATTRIBUTE = /\s*([A-Za-z][\w-]*)(?:="((?:[^"\\]|\\.)*)")?/y;

/** Offsets of the lines' starts, for offset → line. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Every practice tag outside the fences, in source order. */
export function scanTags(source: string, fences: Fence[], file: string): Tag[] {
  const starts = lineStarts(source);
  const inFence = (line: number) => fences.some((fence) => line >= fence.line && line <= fence.endLine);
  const tags: Tag[] = [];
  for (const match of source.matchAll(OPEN)) {
    const start = match.index;
    const line = lineAt(starts, start);
    if (inFence(line)) continue;
    const before = source.slice(starts[line - 1]!, start);
    // Inline code such as `<Option>` in prose is not a tag.
    if ((before.match(/`/g)?.length ?? 0) % 2 === 1) continue;
    const closing = match[1] === "/";
    const name = match[2]!;
    const attributes = new Map<string, string>();
    let i = start + match[0].length;
    for (;;) {
      while (/\s/.test(source[i] ?? "")) i++;
      const c = source[i];
      if (c === undefined) throw new ExampleError(file, line, `\`<${name}\` is never closed with \`>\``, "end the tag with >");
      if (c === ">" || (c === "/" && source[i + 1] === ">")) break;
      if (c === "{") {
        throw new ExampleError(file, line, `\`<${name}>\` has a \`{...}\` expression`, 'write attribute values as plain strings, e.g. explain="..."');
      }
      ATTRIBUTE.lastIndex = i;
      const attr = ATTRIBUTE.exec(source);
      if (!attr || closing) {
        throw new ExampleError(file, line, `cannot read the attributes of \`<${closing ? "/" : ""}${name}\``, 'write attributes as name="value" or a bare word such as correct');
      }
      if (source[ATTRIBUTE.lastIndex] === "=" && source[ATTRIBUTE.lastIndex + 1] === "{") {
        throw new ExampleError(file, line, `\`<${name}>\` has a \`{...}\` expression`, 'write attribute values as plain strings, e.g. explain="..."');
      }
      if (source[ATTRIBUTE.lastIndex] === "=") {
        throw new ExampleError(file, line, `attribute \`${attr[1]}\` of \`<${name}>\` is not a double-quoted string`, 'write it as name="value"');
      }
      attributes.set(attr[1]!, (attr[2] ?? "").replace(/\\(.)/g, "$1"));
      i = ATTRIBUTE.lastIndex;
    }
    const selfClosing = source[i] === "/";
    tags.push({ name, closing, attributes, line, start, end: i + (selfClosing ? 2 : 1), selfClosing });
  }
  return tags;
}

/** The line of an offset, for callers that hold tags. */
export function lineOfOffset(source: string, offset: number): number {
  return lineAt(lineStarts(source), offset);
}
