// Type annotations on every kind of binding, and functions whose types say more than their code.
import * as asyncio from "asyncio";
import type { Task } from "asyncio";

type Millis = number;
const unit: unique symbol = Symbol("unit");
let counter: number = 0;
let later!: string;
const [first, second]: [number, string] = [1, "two"];
const { x, y = 5 }: { x: number; y?: number } = { x: 3 };

function add(a: number, b: number = 2, ...rest: number[]): number {
  return a + b + rest.reduce((s: number, n: number): number => s + n, 0);
}

function greet(name?: string): string {
  return `hello ${name ?? "nobody"}`;
}

function describe(value: string): string;
function describe(value: number): string;
function describe(value: string | number): string {
  return typeof value === "string" ? `text ${value}` : `number ${value}`;
}

function isText(value: unknown): value is string {
  return typeof value === "string";
}

function assertPositive(n: number): asserts n is number {
  if (n <= 0) throw new RangeError(`${n} is not positive`);
}

function area(this: { w: number; h: number }, scale: number): number {
  return this.w * this.h * scale;
}

const settings = {
  retries: 3 as number,
  get doubled(): number {
    return this.retries * 2;
  },
  set value(v: number) {
    counter = v;
  },
  log(this: { retries: number }, ...args: unknown[]): void {
    console.log("settings", this.retries, ...args);
  },
};

async function wait(ms: Millis): Promise<void> {
  await asyncio.sleep(ms / 1000);
}

async function main(): Promise<void> {
  later = "assigned";
  const task: Task<void> = asyncio.createTask(() => wait(1500));
  await task;
  try {
    assertPositive(-1);
  } catch (err: unknown) {
    console.log("caught", (err as Error).message);
  }
  settings.value = 7;
  settings.log(settings.doubled);
  console.log(add(1), add(1, 2, 3, 4), greet(), greet("ada"), describe("a"), describe(2));
  console.log(isText("s"), isText(1), area.call({ w: 2, h: 3 }, 2), counter, later, typeof unit);
  console.log(first, second, x, y, asyncio.getRunningLoop().time());
}

asyncio.run(main);
