import { expect, test } from "@playwright/test";
import { ExampleError, extractExamples } from "../../src/remark/extract-examples.ts";

const FILE = "content/lessons/07-demo.mdx";
const fence = (lang: string, body: string) => "```" + lang + "\n" + body + "\n```\n";

function errorOf(source: string): ExampleError {
  try {
    extractExamples(source, FILE);
  } catch (error) {
    if (error instanceof ExampleError) return error;
    throw error;
  }
  throw new Error("expected extractExamples to throw an ExampleError");
}

test.describe("extractExamples", () => {
  test("reads the code, documented output and Python twin with their source lines", () => {
    const source = [
      "---\ntitle: Demo\n---\n\n",
      fence('ts runnable id=hello title="Say hi"', 'console.log("hi");'),
      fence("output", "[0.000s] hi"),
      fence("python original", 'print("hi")'),
      fence("output", "[0.000s] hi"),
    ].join("");
    const [example] = extractExamples(source, FILE);
    expect(example).toMatchObject({
      id: "hello",
      key: "07-demo/hello",
      title: "Say hi",
      code: 'console.log("hi");',
      line: 5,
      expected: { lines: ["[0.000s] hi"], error: null, line: 8 },
      python: { code: 'print("hi")', line: 11, expected: { lines: ["[0.000s] hi"], line: 14 } },
    });
  });

  test("numbers examples without an id by their position", () => {
    const group = fence("ts runnable", "1;") + "\n" + fence("output", "");
    const examples = extractExamples(`${group}\nText.\n\n${group}`, FILE);
    expect(examples.map((example) => example.key)).toEqual(["07-demo/example-1", "07-demo/example-2"]);
    expect(examples[0]?.expected.lines).toEqual([]);
  });

  test("reads the error a program is documented to end with", () => {
    const [example] = extractExamples(fence("ts runnable", "1;") + fence("output error=TimeoutError", "[1.000s] waiting"), FILE);
    expect(example?.expected.error).toBe("TimeoutError");
  });

  test("ignores fences that are not runnable", () => {
    expect(extractExamples(fence("ts", "1;") + fence("python", "1"), FILE)).toEqual([]);
  });

  test("rejects a runnable fence without an output fence, naming file and line", () => {
    const error = errorOf("Intro\n\n" + fence("ts runnable", "1;") + "\nSome text.\n" + fence("output", ""));
    expect(error.message).toMatch(/^content\/lessons\/07-demo\.mdx:3: runnable fence has no ```output fence/);
    expect(error.line).toBe(3);
  });

  test("rejects an unknown option on a runnable fence", () => {
    expect(errorOf(fence("ts runnable speed=fast", "1;") + fence("output", "")).message).toMatch(
      /^content\/lessons\/07-demo\.mdx:1: unknown option `speed` on a runnable fence/,
    );
  });

  test("keeps the changed-line marks of the code and of its Python original for Expressive Code", () => {
    const source = [
      fence("ts runnable id=marked ins={2-3} mark={5}", "1;"),
      fence("output", ""),
      fence("python original del={1}", "1"),
      fence("output", ""),
      fence("ts runnable id=plain", "1;"),
      fence("output", ""),
    ].join("");
    const [marked, plain] = extractExamples(source, FILE);
    expect(marked?.marks).toBe("ins={2-3} mark={5}");
    expect(marked?.python?.marks).toBe("del={1}");
    expect(plain?.marks).toBe("");
  });

  test("rejects line marks that are not a list of line numbers", () => {
    expect(errorOf(fence("ts runnable ins=3-4", "1;") + fence("output", "")).message).toMatch(
      /^content\/lessons\/07-demo\.mdx:1: `ins=3-4` is not a list of line numbers\nHint: write the lines in braces, e\.g\. ins=\{3\}/,
    );
  });

  test("rejects a duplicate example id in a lesson", () => {
    const group = fence("ts runnable id=twice", "1;") + fence("output", "");
    expect(errorOf(group + "\n" + group).message).toMatch(/:8: duplicate example id `twice` \(first used on line 1\)/);
  });

  test("rejects an output line not in the [N.NNNs] text form, at that line", () => {
    const error = errorOf(fence("ts runnable", "1;") + fence("output", "[0.000s] fine\n[1s] too short"));
    expect(error.message).toMatch(/^content\/lessons\/07-demo\.mdx:6: output line `\[1s\] too short`/);
  });

  test("rejects a Python original that follows no runnable example", () => {
    expect(errorOf(fence("python original", "1")).message).toMatch(/:1: a `python original` fence must come right after/);
  });
});
