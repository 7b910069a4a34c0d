// Node differs: its type stripping (Node 24, amaro 1.1) joins these lines to the ones before: a template literal after `as` or `satisfies` becomes a tagged template, and a `(` after a type alias whose `;` starts the next line becomes a call. TypeScript ends each statement there.
import * as asyncio from "asyncio";

async function main(): Promise<void> {
  const greeting = "hi" satisfies string
  `${greeting} there`.split(" ").forEach((word) => console.log(word))
  const delay = 0.5 as number
  `${delay}`.split(".").forEach((part) => console.log(part))
  let total = 0
  type Sum = number
  ;([1, 2, 3] as Sum[]).forEach((v) => (total += v))
  interface Shape { side: number }
  ;[{ side: 2 } as Shape].forEach((s) => console.log("side", s.side, total))
  await asyncio.sleep(delay)
  console.log("slept", delay)
}

asyncio.run(main);
