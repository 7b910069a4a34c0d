/** A problem in the learner's source, with its 1-based line and column. */
export class CompileError extends Error {
  override name = "SyntaxError";
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}
