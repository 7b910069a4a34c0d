// Types written across lines: return types before `=>`, type parameters after `return`, long unions and object types.
import * as asyncio from "asyncio";

type Handler =
  | ((value: number) => void)
  | {
      handle(value: number): void;
    };

const square = (n: number):
  number => n * n;

const cube = (n: number)
  : number => n * n * n;

function makeIdentity() {
  return <T,>
    (value: T): T => value;
}

function makeAdder(step: number) {
  return <
    T extends number,
  >(value: T) => value + step;
}

function makeAsync() {
  return async <
    T,
  >(value: T): Promise<T> => {
    await asyncio.sleep(0.1);
    return value;
  };
}

const handlers: Handler[] = [
  (v: number): void => console.log("fn", v),
  {
    handle(
      value: number,
    ): void {
      console.log("obj", value);
    },
  },
];

async function fetchAll<
  const Names extends readonly string[],
>(
  names: Names,
  delay: number,
): Promise<
  Record<Names[number], number>
> {
  const out = {} as Record<
    Names[number],
    number
  >;
  for (const name of names as readonly Names[number][]) {
    await asyncio.sleep(delay);
    out[name] = name.length;
  }
  return out;
}

class Registry<
  Key extends string,
  Value,
> {
  private readonly entries: Map<
    Key,
    Value
  > = new Map();
  set(
    key: Key,
    value: Value,
  ): this {
    this.entries.set(key, value);
    return this;
  }
  get size(): number {
    return this.entries.size;
  }
}

async function main(): Promise<void> {
  for (const h of handlers) {
    if (typeof h === "function") h(square(3));
    else h.handle(square(4));
  }
  const add = makeAdder(10);
  const later = makeAsync();
  console.log(cube(2), makeIdentity()("same"), add(5), await later("later"), new Registry<"a" | "b", number>().set("a", 1).set("b", 2).size);
  console.log(await fetchAll(["alpha", "be"] as const, 0.5), asyncio.getRunningLoop().time());
}

asyncio.run(main);
