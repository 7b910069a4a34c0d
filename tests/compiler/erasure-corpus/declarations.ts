// Declarations that leave no JavaScript, some right before lines that would otherwise continue the one above.
import * as asyncio from "asyncio";
import { sleep, type Task, type Future } from "asyncio";
import type * as Types from "asyncio";
export type { Task as Job };
export interface Exported {
  id: number;
}

declare const BUILD: string;
declare let mutable: number;
declare function external(a: number): void;
declare class Native {
  method(): void;
}
declare enum Level {
  Low,
  High,
}
declare global {
  interface Window {
    custom: string;
  }
}
declare module "virtual" {
  export const value: number;
}
declare namespace Legacy {
  const version: string;
}
namespace Shapes {
  export interface Circle {
    r: number;
  }
  export type Kind = "circle" | "square";
  export namespace Nested {
    export type Deep = { level: number };
  }
}

type Keys<T> = keyof T;
type Getters<T> = { [K in keyof T as `get${Capitalize<string & K>}`]: () => T[K] };
type Unwrap<T> = T extends Promise<infer U> ? Unwrap<U> : T;
type Event = `on${"Click" | "Hover"}`;
type ReadonlyDeep<T> = { readonly [K in keyof T]-?: ReadonlyDeep<T[K]> };
type Fn = new (...args: any[]) => object;
type Tuple = readonly [first: number, second?: string, ...rest: boolean[]];
type Lookup = (typeof Shapes)[keyof typeof Shapes] | Types.Task<unknown> | Future<number>;

const values: number[] = [1, 2, 3]
interface AfterValues {
  n: number;
}
[...values].reverse().forEach((v) => console.log("reversed", v))
let total = 0
type Sum = number
for (const v of values as Sum[]) total += v
const doubled = values.map((v) => v * 2)
export type Doubled = number[]
(function announce(): void {
  console.log("announced", doubled.length)
})()

for (const v of values) interface Ignored { v: number }
if (total > 3) type Big = true;
else type Small = true;

const circle: Shapes.Circle = { r: 2 };
const kind: Shapes.Kind = "circle";
const deep: Shapes.Nested.Deep = { level: 1 };
const event: Event = "onClick";
const unwrapped: Unwrap<Promise<Promise<number>>> = 5;
const keys: Keys<{ a: 1 }>[] = ["a"];
const tuple: Tuple = [1, "s", true];

async function main(): Promise<void> {
  await sleep(1);
  const getters: Getters<{ name: string }> = { getName: () => "n" };
  console.log(circle.r, kind, deep.level, event, unwrapped, keys, tuple, getters.getName(), total);
  console.log(typeof BUILD === "undefined", asyncio.getRunningLoop().time());
}

asyncio.run(main);
