import type { Edits } from "./edits.ts";

/**
 * One walk over the TypeScript AST that (1) erases types, leaving plain
 * JavaScript, and (2) instruments the program for the runtime:
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
const TS_DECLARATIONS = new Set(["TSInterfaceDeclaration", "TSTypeAliasDeclaration", "TSDeclareFunction"]);
const MEMBER_MODIFIERS = /\b(public|private|protected|readonly|override|abstract|declare)\b\s*/g;

interface FnScope {
  /** Awaits in this function are instrumented with its frame `__f`. */
  async: boolean;
}

export function transform(ast: Node, source: string, edits: Edits, lineOf: (offset: number) => number): Problem[] {
  const problems: Problem[] = [];
  const problem = (offset: number, message: string): void => {
    problems.push({ message, offset });
  };

  const removeModifierWords = (from: number, to: number, keepAsync: boolean): void => {
    const text = source.slice(from, to);
    for (const m of text.matchAll(MEMBER_MODIFIERS)) edits.remove(from + m.index, from + m.index + m[0].length);
    if (!keepAsync) {
      const m = /\basync\b\s*/.exec(text);
      if (m) edits.remove(from + m.index, from + m.index + m[0].length);
    }
  };

  /** Removes a `?` or `!` written right after a binding name, before its annotation. */
  const removeMarker = (node: Node, marker: "?" | "!"): void => {
    const from = node.type === "Identifier" ? node.start + node.name.length : node.end;
    const to = node.typeAnnotation ? node.typeAnnotation.start : node.end;
    const i = source.indexOf(marker, from);
    if (i >= 0 && i < Math.max(to, from + 1)) edits.remove(i, i + 1);
  };

  const instrumentAsyncBody = (fn: Node, depth: number): void => {
    const body = fn.body as Node;
    if (body.type === "BlockStatement" && body.body.length === 0 && body.end - body.start === 2) {
      // `{}`: one insert, since an opener and a closer at one position would come out closer first.
      edits.open(body.start + 1, " return __rt.call(async () => { const __f = __rt.cur; }); ", depth);
    } else if (body.type === "BlockStatement") {
      edits.open(body.start + 1, " return __rt.call(async () => { const __f = __rt.cur;", depth);
      edits.close(body.end - 1, "}); ", depth);
    } else {
      edits.open(body.start, "__rt.call(async () => { const __f = __rt.cur; return (", depth);
      edits.close(body.end, "); })", depth);
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

  const rewriteImport = (node: Node): void => {
    const name = node.source.value as string;
    if (node.importKind === "type") {
      edits.remove(node.start, node.end);
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

  const walk = (node: Node, parent: Node | null, scope: FnScope, depth: number): void => {
    switch (node.type) {
      case "ImportDeclaration":
        rewriteImport(node);
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
        if (node.exportKind === "type" || node.declaration === null || node.declaration === undefined) {
          edits.remove(node.start, node.end);
          return;
        }
        edits.remove(node.start, node.declaration.start);
        break;
      case "ExportDefaultDeclaration":
        edits.remove(node.start, node.declaration.start);
        break;
      case "ExportAllDeclaration":
        edits.remove(node.start, node.end);
        return;
      case "TSEnumDeclaration":
        problem(node.start, "TypeScript enums are not supported here: use a union of string literals or a plain object.");
        return;
      case "TSModuleDeclaration":
        if (node.declare) edits.remove(node.start, node.end);
        else problem(node.start, "TypeScript namespaces are not supported here: use plain objects or functions.");
        return;
      case "TSImportEqualsDeclaration":
      case "TSExportAssignment":
        problem(node.start, "This TypeScript module syntax is not supported here: use `import ... from` instead.");
        return;
      case "TSParameterProperty":
        problem(
          node.start,
          "Parameter properties (`constructor(private x: number)`) are not supported here: declare the field and assign it in the constructor.",
        );
        return;
      case "TSIndexSignature":
        edits.remove(node.start, node.end);
        return;
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
        edits.remove(node.expression.end, node.end);
        walk(node.expression, node, scope, depth + 1);
        return;
      case "TSTypeAssertion":
        edits.remove(node.start, node.expression.start);
        walk(node.expression, node, scope, depth + 1);
        return;
      case "TSInstantiationExpression":
        edits.remove(node.expression.end, node.end);
        walk(node.expression, node, scope, depth + 1);
        return;
      case "VariableDeclaration":
        if (node.declare) {
          edits.remove(node.start, node.end);
          return;
        }
        break;
      case "VariableDeclarator":
        if (node.definite) removeMarker(node.id, "!");
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        if (node.declare) {
          edits.remove(node.start, node.end);
          return;
        }
        if (node.abstract) {
          const m = /\babstract\s+/.exec(source.slice(node.start, node.end));
          if (m) edits.remove(node.start + m.index, node.start + m.index + m[0].length);
        }
        if (node.implements?.length) {
          const from = (node.superTypeParameters ?? node.superClass ?? node.typeParameters ?? node.id)?.end ?? node.start;
          const at = source.indexOf("implements", from);
          if (at >= 0) edits.remove(at, node.implements[node.implements.length - 1].end);
        }
        break;
      case "PropertyDefinition":
        if (node.declare || node.abstract) {
          edits.remove(node.start, node.end);
          return;
        }
        removeModifierWords(node.start, node.key.start, true);
        if (node.optional) removeMarker(node.key, "?");
        if (node.definite) removeMarker(node.key, "!");
        break;
      case "MethodDefinition":
        if (node.value.type === "TSDeclareMethod" || node.abstract) {
          edits.remove(node.start, node.end);
          return;
        }
        removeModifierWords(node.start, node.computed ? node.start + source.slice(node.start, node.key.start).lastIndexOf("[") : node.key.start, !(node.value.async && !node.value.generator));
        if (node.optional) removeMarker(node.key, "?");
        break;
      case "Property":
        if (node.method && node.value.async && !node.value.generator) {
          removeModifierWords(node.start, node.key.start, false);
        }
        break;
      case "Identifier":
        if (RESERVED_NAMES.has(node.name)) {
          problem(node.start, `The name ${node.name} is reserved for the runtime's instrumentation: choose another name.`);
          return;
        }
        if (node.optional && parent !== null && isParamContext(parent)) removeMarker(node, "?");
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

    if (TS_DECLARATIONS.has(node.type)) {
      edits.remove(node.start, node.end);
      return;
    }

    if (isFunction(node)) {
      if (node.type === "TSDeclareFunction") {
        edits.remove(node.start, node.end);
        return;
      }
      const inner: FnScope = { async: Boolean(node.async) };
      if (node.async && !node.generator) {
        if (parent?.type !== "MethodDefinition" && parent?.type !== "Property") {
          const m = /^async\b\s*/.exec(source.slice(node.start, node.end));
          if (m) edits.remove(node.start, node.start + m[0].length);
        } else if (parent.type === "Property" && !parent.method) {
          const m = /^async\b\s*/.exec(source.slice(node.start, node.end));
          if (m) edits.remove(node.start, node.start + m[0].length);
        }
        instrumentAsyncBody(node, depth);
      } else if (node.async && node.generator && node.body.type === "BlockStatement") {
        edits.open(node.body.start + 1, " const __f = __rt.cur;", depth);
      }
      for (const param of node.params as Node[]) {
        if (param.type === "Identifier" && param.name === "this") {
          const comma = source.slice(param.end).match(/^\s*,\s*/);
          edits.remove(param.start, param.end + (comma ? comma[0].length : 0));
          continue;
        }
        walk(param, node, scope, depth + 1);
      }
      for (const key of ["typeParameters", "returnType"]) if (node[key]) edits.remove(node[key].start, node[key].end);
      if (node.id) walk(node.id, node, scope, depth + 1);
      walk(node.body, node, inner, depth + 1);
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

/** Names the compiled program uses for its instrumentation; a program that could reach them could fool the watchdog. */
const RESERVED_NAMES = new Set(["__rt", "__modules", "__f"]);

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === "object" && typeof (value as Node).type === "string";
}

function isFunction(node: Node): boolean {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression" ||
    node.type === "TSDeclareFunction"
  );
}

function isParamContext(parent: Node): boolean {
  return isFunction(parent) || parent.type === "AssignmentPattern" || parent.type === "TSDeclareMethod";
}
