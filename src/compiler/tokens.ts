/** One token of the learner's source, as acorn reads it. */
export interface Token {
  start: number;
  end: number;
  /** acorn's token type: its label is "name", "(", "+/-", "`", ";" ... */
  type: { label: string };
}

/**
 * The parser's tokens in source order, for the edits that need to know what
 * comes before or after a node: the `as` keyword after a parenthesised
 * expression, the `?` after a name, whether a line break precedes the next
 * token (automatic semicolon insertion).
 */
export class Tokens {
  private readonly list: Token[];
  private readonly source: string;

  constructor(source: string, raw: Token[]) {
    this.source = source;
    if (raw[raw.length - 1]?.type.label === "eof") raw.pop();
    let ordered = true;
    for (let i = 1; i < raw.length && ordered; i++) ordered = raw[i - 1]!.end <= raw[i]!.start;
    if (ordered) {
      this.list = raw;
    } else {
      // The parser read some tokens twice while looking ahead: keep the last reading of each start.
      const byStart = new Map<number, Token>();
      for (const t of raw) if (t.type.label !== "eof") byStart.set(t.start, t);
      this.list = [...byStart.values()].sort((a, b) => a.start - b.start);
    }
  }

  /** Index of the first token that starts at or after `pos` (the length when there is none). */
  indexFrom(pos: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(index: number): Token | undefined {
    return this.list[index];
  }

  /** The first token at or after `pos`. */
  after(pos: number): Token | undefined {
    return this.list[this.indexFrom(pos)];
  }

  /** The last token that starts before `pos`. */
  before(pos: number): Token | undefined {
    return this.list[this.indexFrom(pos) - 1];
  }

  /** Whether `token` reads `text`: a word such as `as`, or a punctuator such as `(`. */
  is(token: Token | undefined, text: string): boolean {
    return (
      token !== undefined &&
      token.type.label !== "template" &&
      token.end - token.start === text.length &&
      this.source.startsWith(text, token.start)
    );
  }

  /** Whether a line break (possibly inside a comment) separates the token at `index` from the one before it. */
  lineBreakBefore(index: number): boolean {
    const token = this.list[index];
    if (token === undefined) return false;
    const from = this.list[index - 1]?.end ?? 0;
    return /[\n\r\u2028\u2029]/.test(this.source.slice(from, token.start));
  }
}
