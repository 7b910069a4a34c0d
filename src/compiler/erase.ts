import type { Edits } from "./edits.ts";
import type { Tokens } from "./tokens.ts";
import type { Node } from "./transform.ts";
import { isTypeOnlyNamespace } from "./unsupported.ts";

/** Words that only TypeScript puts before a class member's name. */
const TS_MODIFIERS = new Set(["public", "private", "protected", "readonly", "override", "declare", "abstract"]);
/** Words that may stand before a class member's name. */
const MEMBER_WORDS = new Set([...TS_MODIFIERS, "static", "async", "accessor"]);
/** Tokens that continue the line before when no semicolon ends it (ECMA-262, ASI's interesting cases). */
const STATEMENT_HAZARDS = new Set(["(", "[", "`", "+", "-", "/", "/="]);
/** The same, after an expression: what can continue it across a line break. */
const EXPRESSION_HAZARDS = new Set(["(", "[", "`"]);
/** Statements whose body is a single statement: a body erased there must leave `;` behind. */
const SINGLE_STATEMENT_BODIES = new Set([
  "IfStatement",
  "ForStatement",
  "ForInStatement",
  "ForOfStatement",
  "WhileStatement",
  "DoWhileStatement",
  "LabeledStatement",
  "WithStatement",
]);

/**
 * The edits that erase TypeScript, as Node's type stripping makes them:
 * removing a type must never join two lines into one expression, so where a
 * line would then continue the one before it, a `;` is left in its place.
 */
export class Eraser {
  private readonly source: string;
  private readonly edits: Edits;
  private readonly tokens: Tokens;

  constructor(source: string, edits: Edits, tokens: Tokens) {
    this.source = source;
    this.edits = edits;
    this.tokens = tokens;
  }

  /** Whether a declaration is types only (or `declare`d), so that it leaves no JavaScript. */
  static isErased(node: Node): boolean {
    switch (node.type) {
      case "TSInterfaceDeclaration":
      case "TSTypeAliasDeclaration":
      case "TSDeclareFunction":
        return true;
      case "TSModuleDeclaration":
        return Boolean(node.declare) || isTypeOnlyNamespace(node);
      case "VariableDeclaration":
      case "ClassDeclaration":
      case "TSEnumDeclaration":
        return Boolean(node.declare);
      default:
        return false;
    }
  }

  /** Removes a whole statement that is types only. */
  removeStatement(node: Node, parent: Node | null, depth: number): void {
    this.edits.remove(node.start, node.end);
    if (parent !== null && SINGLE_STATEMENT_BODIES.has(parent.type)) {
      this.edits.open(node.start, ";", depth);
      return;
    }
    const first = this.tokens.indexFrom(node.start);
    if (first === 0 || this.tokens.is(this.tokens.at(first - 1), ";")) return;
    // What precedes and what follows now meet, whether or not a line break follows the
    // statement itself (its own `;` may stand on the next line, before a `(`).
    const next = this.tokens.after(node.end);
    if (next !== undefined && (next.type.label === "regexp" || STATEMENT_HAZARDS.has(this.source.slice(next.start, next.end)))) {
      this.edits.open(node.start, ";", depth);
    }
  }

  /** Removes `as T` or `satisfies T` after an expression, which may be in parentheses. */
  removeTypeOperator(node: Node, depth: number): void {
    let i = this.tokens.indexFrom(node.expression.end);
    while (this.tokens.is(this.tokens.at(i), ")")) i++;
    const keyword = this.tokens.at(i)!;
    this.edits.remove(keyword.start, node.end);
    if (this.continuesAfter(node.end, EXPRESSION_HAZARDS)) this.edits.open(keyword.start, ";", depth);
  }

  /** Removes the `!` of `value!`. */
  removeNonNull(node: Node): void {
    const bang = this.tokens.before(node.end);
    if (bang !== undefined && this.tokens.is(bang, "!")) this.edits.remove(bang.start, bang.end);
  }

  /** Removes the `?` or `!` right after a name (`a?: T`, `x!: T`, `m?()`), or after a computed key's `]`. */
  removeMarker(after: number, marker: "?" | "!", computed = false): void {
    let i = this.tokens.indexFrom(after);
    if (computed) {
      while (this.tokens.at(i) !== undefined && !this.tokens.is(this.tokens.at(i), "]")) i++;
      i++;
    }
    const token = this.tokens.at(i);
    if (this.tokens.is(token, marker)) this.edits.remove(token!.start, token!.end);
  }

  /**
   * Removes the TypeScript modifiers of a class member (and `async`, when the
   * instrumentation wraps an async method's body). A member whose name could
   * then join the line before (`[key]`, `*gen`, `in`) gets a `;` first.
   */
  stripMemberModifiers(member: Node, removeAsync: boolean, depth: number): void {
    let removedModifier = false;
    let removedAsync = false;
    const keyStart = member.key.start as number;
    for (let i = this.tokens.indexFrom(member.start); ; i++) {
      const token = this.tokens.at(i);
      if (token === undefined || token.start >= keyStart || token.type.label !== "name") break;
      const word = this.source.slice(token.start, token.end);
      if (!MEMBER_WORDS.has(word)) break;
      if (TS_MODIFIERS.has(word)) removedModifier = true;
      else if (word === "async" && removeAsync) removedAsync = true;
      else continue;
      this.edits.remove(token.start, token.end + (/^[ \t]*/.exec(this.source.slice(token.end))?.[0].length ?? 0));
    }
    if ((!removedModifier && !removedAsync) || member.static) return;
    const keyName = member.key.type === "Identifier" ? member.key.name : undefined;
    const hazard = member.computed || member.value?.generator || keyName === "in" || keyName === "instanceof";
    if (!hazard) return;
    // After `async` alone, a `;` already there is enough; TypeScript modifiers always leave one, as Node does.
    if (!removedModifier && this.tokens.is(this.tokens.before(member.start), ";")) return;
    this.edits.open(member.start, ";", depth);
  }

  /** A field named `get`, `set` or `static` with a type and no value must end where its type did. */
  guardBareFieldName(member: Node, depth: number): void {
    const name = member.key.type === "Identifier" && !member.computed ? member.key.name : undefined;
    if (member.value === null && member.typeAnnotation && (name === "get" || name === "set" || name === "static")) {
      this.edits.open(member.typeAnnotation.start, ";", depth);
    }
  }

  /** Removes a word such as `abstract` or `implements ...` found among the tokens from `from` to `to`. */
  removeWord(from: number, to: number, word: string, through?: number): void {
    for (let i = this.tokens.indexFrom(from); ; i++) {
      const token = this.tokens.at(i);
      if (token === undefined || token.start >= to) return;
      if (this.tokens.is(token, word)) {
        const end = through ?? token.end + (/^[ \t]*/.exec(this.source.slice(token.end))?.[0].length ?? 0);
        this.edits.remove(token.start, end);
        return;
      }
    }
  }

  /** Removes a `this` parameter and the comma after it. */
  removeThisParam(param: Node): void {
    const next = this.tokens.after(param.end);
    this.edits.remove(param.start, this.tokens.is(next, ",") ? next!.end : param.end);
  }

  /** Removes an arrow function's type parameters up to its `(`, so no line break is left after `return`. */
  removeArrowTypeParams(typeParams: Node): void {
    const paren = this.tokens.after(typeParams.end);
    this.edits.remove(typeParams.start, this.tokens.is(paren, "(") ? paren!.start : typeParams.end);
  }

  /** Removes an arrow function's return type from its `)`, since `=>` may not start a line. */
  removeArrowReturnType(returnType: Node): void {
    const paren = this.tokens.before(returnType.start);
    this.edits.remove(this.tokens.is(paren, ")") ? paren!.end : returnType.start, returnType.end);
  }

  /** Whether the token after `pos` starts a new line with one of `hazards`, so it would continue what precedes. */
  private continuesAfter(pos: number, hazards: Set<string>): boolean {
    const index = this.tokens.indexFrom(pos);
    const next = this.tokens.at(index);
    return next !== undefined && this.tokens.lineBreakBefore(index) && hazards.has(this.source.slice(next.start, next.end));
  }
}
