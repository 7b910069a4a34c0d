// Generics in declarations, calls, classes, arrows and tagged templates.
import * as asyncio from "asyncio";

type Box<T> = { value: T };
type Mapper<in T, out U> = (value: T) => U;

function identity<T>(value: T): T {
  return value;
}

function pair<const K extends string, V = number>(key: K, value: V): [K, V] {
  return [key, value];
}

const wrap = <T,>(value: T): Box<T> => ({ value });
const twice = <T extends unknown[]>(list: T): [...T, ...T] => [...list, ...list];
const later = async <T,>(value: T, delay: number): Promise<T> => {
  await asyncio.sleep(delay);
  return value;
};

class Stack<T> {
  private items: T[] = [];
  push<U extends T>(item: U): this {
    this.items.push(item);
    return this;
  }
  map<U>(fn: Mapper<T, U>): Stack<U> {
    const out = new Stack<U>();
    for (const item of this.items) out.push<U>(fn(item));
    return out;
  }
  toArray(): readonly T[] {
    return this.items;
  }
}

function tag<T>(strings: TemplateStringsArray, ...values: T[]): string {
  return strings.raw.join("|") + values.length;
}

const toNumber = identity<(s: string) => number>;
const parse = toNumber(Number);

async function main(): Promise<void> {
  const stack = new Stack<number>().push(1).push<number>(2);
  const names = new Map<string, Box<number>>([["a", wrap(1)]]);
  const values: Array<Box<string>> = [wrap<string>("x")];
  const [a, b] = await asyncio.gather<[Promise<string>, Promise<number>]>(later<string>("first", 2), later(42, 1));
  console.log(stack.map<string>((n: number): string => `#${n}`).toArray(), names.get("a")?.value, values[0]?.value);
  console.log(pair("k", 1), twice<[number, string]>([1, "s"]), tag<number>`a${1}b${2}c`, parse("12") + 1, a, b);
  console.log(identity<Box<Box<number>>>({ value: { value: 3 } }).value.value);
}

asyncio.run(main);
