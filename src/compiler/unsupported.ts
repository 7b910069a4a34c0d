/**
 * TypeScript that programs here cannot use, and what to write instead. The
 * compiler erases types as Node's own type stripping does
 * (`node --experimental-strip-types`, `module.stripTypeScriptTypes`): what Node
 * refuses because it is not plain erasure (it would generate code) is refused
 * here too, and says so.
 */
import type { Node } from "./transform.ts";

const NODE_TOO = "Node's type stripping refuses them too";

export const UNSUPPORTED = {
  enum: `TypeScript enums are not supported here (${NODE_TOO}): use a union of string literals or a plain object.`,
  namespace: `TypeScript namespaces that hold values are not supported here (${NODE_TOO}): use plain objects or functions.`,
  parameterProperty: `Parameter properties (\`constructor(private x: number)\`) are not supported here (${NODE_TOO}): declare the field and assign it in the constructor.`,
  angleBracketAssertion: `Type assertions with angle brackets (\`<T>value\`) are not supported here (${NODE_TOO}): write \`value as T\`.`,
  importEquals: `\`import x = require(...)\` and \`import x = N.y\` are not supported here (${NODE_TOO}): use \`import ... from\` instead.`,
  exportAssignment: `\`export =\` is not supported here (Node's type stripping refuses it too): programs here have no exports.`,
  decorator:
    "Decorators are not supported here: JavaScript engines cannot run them yet (Node's type stripping leaves them in, and the program then fails to parse).",
  accessor:
    "Auto-accessor fields (`accessor x`) are not supported here: JavaScript engines cannot run them yet (Node's type stripping leaves them in, and the program then fails to parse). Write a getter and a setter over a private field.",
} as const;

/**
 * Whether a namespace holds types only, so erasing it leaves nothing behind:
 * its body has only interfaces, type aliases and such namespaces (the rule of
 * Node's type stripping, which accepts these and refuses the others).
 */
export function isTypeOnlyNamespace(node: Node): boolean {
  const body = node.body as Node | null | undefined;
  if (body === null || body === undefined) return true;
  if (body.type === "TSModuleDeclaration") return isTypeOnlyNamespace(body);
  return (body.body as Node[]).every((statement) => {
    const decl = statement.type === "ExportNamedDeclaration" ? (statement.declaration as Node | null) : statement;
    if (decl === null) return false;
    if (decl.type === "TSInterfaceDeclaration" || decl.type === "TSTypeAliasDeclaration") return true;
    return decl.type === "TSModuleDeclaration" && !decl.declare && isTypeOnlyNamespace(decl);
  });
}
