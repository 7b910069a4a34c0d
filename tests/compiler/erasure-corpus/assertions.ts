// `as`, `satisfies` and `!` in nested and parenthesised positions, and at the ends of lines.
import * as asyncio from "asyncio";

type Point = { x: number; y: number };
interface Config {
  name: string;
  limits?: { max: number };
}

const raw: unknown = { x: 1, y: 2 };
const origin = { x: 0, y: 0 } satisfies Point;
const config = { name: "demo", limits: { max: 3 } } as Config;
const modes = ["fast", "slow"] as const;
const maybe: number[] | undefined = [10, 20, 30];
const lookup = new Map<string, () => number>([["one", () => 1]]);

async function compute(): Promise<number> {
  const n = (await asyncio.sleep(1, 41)) as number;
  const m = ((await asyncio.sleep(0.5, 1)) as number)!;
  const p = (raw as Point).x + ((raw as Point) satisfies Point).y;
  const q = (maybe!)[1]! + maybe![2]! + (maybe as number[]).length;
  const r = lookup.get("one")!() + (lookup.get("one") as () => number)();
  const s = (config.limits!).max + config.limits!.max + (config satisfies Config).name.length;
  return n + m + p + q + r + s;
}

async function main(): Promise<void> {
  const total = await compute()
  const label = `total ${total}` as string
  (async () => {
    console.log(label, origin satisfies Point, modes.length)
  })()
  const list = [3, 1, 2] as number[]
  [...list].sort().forEach((v) => console.log("item", v))
  const first = list[0]!
  console.log(first as number, (first as unknown as string)!, config.name as "demo")
  const names = modes as readonly string[]
  console.log(names.join("+"))
  await asyncio.sleep(0)
}

asyncio.run(main);
