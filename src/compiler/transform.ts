import type { Edits } from "./edits.ts";
import { Eraser } from "./erase.ts";
import type { Tokens } from "./tokens.ts";
import { UNSUPPORTED } from "./unsupported.ts";

/**
 * One walk over the TypeScript AST that (1) erases types as Node's type
 * stripping does, leaving plain JavaScript (see erase.ts), and (2) instruments
 * the program for the runtime:
 *
 * - every async function body runs through `__rt.call`, in a frame of its own;
 * - every `await x` becomes `__rt.re(__f, await __rt.aw(__f, (x)))`, which records
 *   what the frame waits on and re-enters it on resumption (native microtask
 *   order is kept: `x` itself is awaited);
 * - catch and finally blocks re-enter the frame (an await that throws skips `re`);
 * - every loop body calls `__rt.tick(line)`, the wall-clock watchdog's checkpoint;
 * - imports of the virtual modules become reads of `__modules`.
 */

// A loose ESTree node: the walker reads fields by name.
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: any;
}

export interface Problem {
  message: string;
  offset: number;
}

export const MODULES = ["asyncio", "time"] as const;

const TS_TYPE_ONLY = new Set(["TSTypeAnnotation", "TSTypeParameterDeclaration", "TSTypeParameterInstantiation"]);

interface FnScope {
  /** Awaits in this function are instrumented with its frame `__f`. */
  async: boolean;
}

export function transform(ast: Node, source: string, edits: Edits, tokens: Tokens, lineOf: (offset: number) => number): Problem[] {
  const problems: Problem[] = [];
  const problem = (offset: number, message: string): void => {
    problems.push({ message, offset });
  };
  const erase = new Eraser(source, edits, tokens);

  const instrumentAsyncBody = (fn: Node, parent: Node | null, depth: number): void => {
    const body = fn.body as Node;
    // The function's name travels with its frame, so a run's trace can say which coroutine
    // function each task runs (what `concurrency of download` counts).
    const name = JSON.stringify(functionName(fn, parent) ?? "");
    if (body.type === "BlockStatement" && body.body.length === 0 && body.end - body.start === 2) {
      // `{}`: one insert, since an opener and a closer at one position would come out closer first.
      edits.open(body.start + 1, ` return __rt.call(async () => { const __f = __rt.cur; }, ${name}); `, depth);
    } else if (body.type === "BlockStatement") {
      edits.open(body.start + 1, " return __rt.call(async () => { const __f = __rt.cur;", depth);
      edits.close(body.end - 1, `}, ${name}); `, depth);
    } else {
      edits.open(body.start, "__rt.call(async () => { const __f = __rt.cur; return (", depth);
      edits.close(body.end, `); }, ${name})`, depth);
    }
  };

  const guardLoop = (loop: Node, depth: number): void => {
    const body = loop.body as Node;
    const tick = `__rt.tick(${lineOf(loop.start)});`;
    if (body.type === "BlockStatement") {
      edits.open(body.start + 1, ` ${tick}`, depth);
    } else {
      edits.open(body.start, `{ ${tick} `, depth);
      edits.close(body.end, " }", depth);
    }
  };

  const rewriteImport = (node: Node, parent: Node | null, depth: number): void => {
    const name = node.source.value as string;
    if (node.importKind === "type") {
      erase.removeStatement(node, parent, depth);
      return;
    }
    if (!(MODULES as readonly string[]).includes(name)) {
      problem(
        node.source.start,
        `Cannot find module '${name}': programs here can import only ${MODULES.map((m) => `"${m}"`).join(" and ")}.`,
      );
      return;
    }
    const target = `__modules[${JSON.stringify(name)}]`;
    const decls: string[] = [];
    const named: string[] = [];
    for (const spec of node.specifiers as Node[]) {
      if (spec.type === "ImportNamespaceSpecifier" || spec.type === "ImportDefaultSpecifier") {
        decls.push(`const ${spec.local.name} = ${target};`);
      } else if (spec.importKind !== "type") {
        const imported = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
        named.push(imported === spec.local.name ? imported : `${JSON.stringify(imported)}: ${spec.local.name}`);
      }
    }
    if (named.length > 0) decls.push(`const { ${named.join(", ")} } = ${target};`);
    edits.remove(node.start, node.end);
    edits.open(node.end, decls.join(" "), 0);
  };

  /** Erases TypeScript that is not a statement of its own; false when the node is not TypeScript. */
  const eraseExpression = (node: Node, scope: FnScope, depth: number): boolean => {
    switch (node.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
        erase.removeTypeOperator(node, depth);
        break;
      case "TSNonNullExpression":
        erase.removeNonNull(node);
        break;
      case "TSInstantiationExpression": {
        const args = (node.typeArguments ?? node.typeParameters) as Node;
        edits.remove(args.start, args.end);
        break;
      }
      case "TSTypeAssertion":
        problem(node.start, UNSUPPORTED.angleBracketAssertion);
        return true;
      default:
        return false;
    }
    walk(node.expression, node, scope, depth + 1);
    return true;
  };

  const walkClassMember = (node: Node, scope: FnScope, depth: number): boolean => {
    switch (node.type) {
      case "TSIndexSignature":
        edits.remove(node.start, node.end);
        return true;
      case "PropertyDefinition":
        if (node.declare || node.abstract) {
          edits.remove(node.start, node.end);
          return true;
        }
        if (node.accessor) {
          problem(findWord(tokens, node.start, node.key.start, "accessor") ?? node.start, UNSUPPORTED.accessor);
          return true;
        }
        erase.stripMemberModifiers(node, false, depth);
        if (node.optional) erase.removeMarker(node.key.end, "?", node.computed);
        if (node.definite) erase.removeMarker(node.key.end, "!", node.computed);
        erase.guardBareFieldName(node, depth);
        return false;
      case "MethodDefinition":
        if (node.value.type === "TSDeclareMethod" || node.abstract) {
          edits.remove(node.start, node.end);
          return true;
        }
        erase.stripMemberModifiers(node, Boolean(node.value.async && !node.value.generator), depth);
        if (node.optional) erase.removeMarker(node.key.end, "?", node.computed);
        return false;
      default:
        return false;
    }
  };

  const walk = (node: Node, parent: Node | null, scope: FnScope, depth: number): void => {
    if (node.type === "Decorator") {
      problem(node.start, UNSUPPORTED.decorator);
      return;
    }
    if (Eraser.isErased(node)) {
      erase.removeStatement(node, parent, depth);
      return;
    }
    if (eraseExpression(node, scope, depth)) return;
    if (walkClassMember(node, scope, depth)) return;
    switch (node.type) {
      case "ImportDeclaration":
        rewriteImport(node, parent, depth);
        return;
      case "ImportExpression":
        problem(node.start, `Dynamic import() is not available here: programs can import only ${MODULES.map((m) => `"${m}"`).join(" and ")}, with \`import ... from\`.`);
        return;
      case "MetaProperty":
        if (node.meta?.name === "import") {
          problem(node.start, "import.meta is not available here: a program is not loaded from a file or URL.");
          return;
        }
        break;
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
        if (node.exportKind === "type" || !node.declaration || Eraser.isErased(node.declaration)) {
          erase.removeStatement(node, parent, depth);
          return;
        }
        edits.remove(node.start, node.declaration.start);
        break;
      case "ExportAllDeclaration":
        erase.removeStatement(node, parent, depth);
        return;
      case "TSEnumDeclaration":
        problem(node.start, UNSUPPORTED.enum);
        return;
      case "TSModuleDeclaration":
        problem(node.start, UNSUPPORTED.namespace);
        return;
      case "TSImportEqualsDeclaration":
        if (node.importKind === "type") erase.removeStatement(node, parent, depth);
        else problem(node.start, UNSUPPORTED.importEquals);
        return;
      case "TSExportAssignment":
        problem(node.start, UNSUPPORTED.exportAssignment);
        return;
      case "TSParameterProperty":
        problem(node.start, UNSUPPORTED.parameterProperty);
        return;
      case "VariableDeclarator":
        if (node.definite) erase.removeMarker(node.id.start + node.id.name.length, "!");
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        if (node.abstract) erase.removeWord(node.start, node.body.start, "abstract");
        if (node.implements?.length) {
          erase.removeWord(node.start, node.body.start, "implements", node.implements[node.implements.length - 1].end);
        }
        break;
      case "Property":
        if (node.method && node.value.async && !node.value.generator) erase.removeWord(node.start, node.key.start, "async");
        break;
      case "Identifier":
        if (RESERVED_NAMES.has(node.name)) {
          problem(node.start, `The name ${node.name} is reserved for the runtime's instrumentation: choose another name.`);
          return;
        }
        if (node.optional && parent !== null && isParamContext(parent)) erase.removeMarker(node.start + node.name.length, "?");
        break;
      case "ThrowStatement": {
        // Records where the value was thrown: a value that is not an Error has no stack to say it.
        const { line, column } = node.argument.loc.start;
        edits.open(node.argument.start, "__rt.th((", depth);
        edits.close(node.argument.end, `), ${line}, ${column + 1})`, depth);
        break;
      }
      case "AwaitExpression":
        if (scope.async) {
          edits.open(node.start, "__rt.re(__f, ", depth);
          edits.open(node.argument.start, "__rt.aw(__f, (", depth + 1);
          edits.close(node.argument.end, "))", depth + 1);
          edits.close(node.end, ")", depth);
        }
        break;
      case "YieldExpression":
        if (scope.async) {
          edits.open(node.start, "__rt.re(__f, ", depth);
          edits.close(node.end, ")", depth);
        }
        break;
      case "CatchClause":
        if (scope.async) {
          const param = node.param as Node | null;
          const enter = param?.type === "Identifier" ? ` ${param.name} = __rt.rc(__f, ${param.name});` : " __rt.rc(__f);";
          edits.open(node.body.start + 1, enter, depth);
        }
        break;
      case "TryStatement":
        if (scope.async && node.finalizer) edits.open(node.finalizer.start + 1, " __rt.cur = __f;", depth);
        break;
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ForInStatement":
        guardLoop(node, depth);
        break;
      case "ForOfStatement":
        guardLoop(node, depth);
        if (node.await && scope.async) {
          edits.open(node.body.type === "BlockStatement" ? node.body.start + 1 : node.body.start, " __rt.cur = __f;", depth);
          edits.close(node.end, " __rt.cur = __f;", depth);
        }
        break;
    }

    if (isFunction(node)) {
      walkFunction(node, parent, scope, depth);
      return;
    }

    for (const key in node) {
      if (key === "type" || key === "start" || key === "end" || key === "loc" || key === "range") continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visitChild(child, node, scope, depth);
      } else if (isNode(value)) {
        visitChild(value, node, scope, depth);
      }
    }
  };

  const walkFunction = (node: Node, parent: Node | null, scope: FnScope, depth: number): void => {
    const inner: FnScope = { async: Boolean(node.async) };
    if (node.async && !node.generator) {
      // A method's `async` goes with its modifiers; a function's or an arrow's is its first word.
      const isMethod = parent?.type === "MethodDefinition" || (parent?.type === "Property" && parent.method);
      if (!isMethod) erase.removeWord(node.start, node.start + 1, "async");
      instrumentAsyncBody(node, parent, depth);
    } else if (node.async && node.generator && node.body.type === "BlockStatement") {
      edits.open(node.body.start + 1, " const __f = __rt.cur;", depth);
    }
    for (const param of node.params as Node[]) {
      if (param.type === "Identifier" && param.name === "this") erase.removeThisParam(param);
      else walk(param, node, scope, depth + 1);
    }
    const arrow = node.type === "ArrowFunctionExpression";
    if (node.typeParameters) {
      if (arrow) erase.removeArrowTypeParams(node.typeParameters);
      else edits.remove(node.typeParameters.start, node.typeParameters.end);
    }
    if (node.returnType) {
      if (arrow) erase.removeArrowReturnType(node.returnType);
      else edits.remove(node.returnType.start, node.returnType.end);
    }
    if (node.id) walk(node.id, node, scope, depth + 1);
    walk(node.body, node, inner, depth + 1);
  };

  const visitChild = (child: Node, parent: Node, scope: FnScope, depth: number): void => {
    if (TS_TYPE_ONLY.has(child.type)) {
      edits.remove(child.start, child.end);
      return;
    }
    if (child.type === "TSExpressionWithTypeArguments" || child.type === "TSClassImplements") return;
    walk(child, parent, scope, depth + 1);
  };

  walk(ast, null, { async: true }, 0);
  return problems;
}

/** Where the word `word` first stands among the tokens from `from` to `to`. */
function findWord(tokens: Tokens, from: number, to: number, word: string): number | undefined {
  for (let i = tokens.indexFrom(from), t = tokens.at(i); t !== undefined && t.start < to; t = tokens.at(++i)) {
    if (tokens.is(t, word)) return t.start;
  }
  return undefined;
}

/** Names the compiled program uses for its instrumentation; a program that could reach them could fool the watchdog. */
const RESERVED_NAMES = new Set(["__rt", "__modules", "__f"]);

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === "object" && typeof (value as Node).type === "string";
}

function isFunction(node: Node): boolean {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression"
  );
}

/** The name a function is known by: its own, or the variable, property or method it is bound to. */
function functionName(fn: Node, parent: Node | null): string | null {
  if (fn.id?.type === "Identifier") return fn.id.name as string;
  if (parent === null) return null;
  const key = parent.type === "VariableDeclarator" ? parent.id : parent.type === "MethodDefinition" || parent.type === "Property" || parent.type === "PropertyDefinition" ? parent.key : null;
  return key?.type === "Identifier" ? (key.name as string) : null;
}

function isParamContext(parent: Node): boolean {
  return isFunction(parent) || parent.type === "AssignmentPattern" || parent.type === "TSDeclareMethod";
}
