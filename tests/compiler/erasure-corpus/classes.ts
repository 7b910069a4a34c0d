// Classes with every modifier TypeScript adds, and members whose names could join the line before.
import * as asyncio from "asyncio";

interface Shape {
  area(): number;
  readonly name: string;
}

abstract class Base<T extends number = number> implements Shape {
  static count: number = 0;
  static readonly registry: Map<string, Base> = new Map<string, Base>();
  [key: string]: unknown;
  static [slot: number]: string;
  declare kind: string;
  abstract readonly name: string;
  protected abstract size: T;
  private readonly id: number;
  public label?: string;
  tag!: string;
  #secret: string = "hidden";

  constructor() {
    this.id = ++Base.count;
  }

  abstract area(): number;
  protected abstract grow(by: T): void;

  public describe(): string {
    return `${this.name}#${this.id} area=${this.area()} ${this.#secret.length}`;
  }

  static create?(): void;
}

class Square extends Base<number> implements Shape, Iterable<number> {
  override readonly name: string = "square";
  protected override size: number = 2;
  get: number = 1
  set: number = 2
  static: number = 3
  private scale = 1
  private [Symbol.toStringTag] = "Square"
  private *[Symbol.iterator](): Iterator<number> {
    yield this.size;
    yield this.scale;
  }
  public in(): string {
    return "in";
  }
  public async wait(seconds: number): Promise<string> {
    await asyncio.sleep(seconds);
    return `waited ${seconds}`;
  }
  protected async *ticks(n: number): AsyncGenerator<number> {
    for (let i = 0; i < n; i++) {
      await asyncio.sleep(0.5);
      yield i;
    }
  }
  private static async make(): Promise<Square> {
    await asyncio.sleep(0.25);
    return new Square();
  }
  public static async build(): Promise<Square> {
    return Square.make();
  }
  override area(): number {
    return this.size * this.size * this.scale;
  }
  protected override grow(by: number): void {
    this.size += by;
  }
  public get side(): number {
    return this.size;
  }
  public set side(value: number) {
    this.grow(value - this.size);
  }
  async collect(): Promise<number[]> {
    const out: number[] = [];
    for await (const t of this.ticks(3)) out.push(t);
    return out;
  }
}

const Named = class<T> {
  readonly value: T;
  constructor(value: T) {
    this.value = value;
  }
};

async function main(): Promise<void> {
  const sq = await Square.build();
  sq.side = 3;
  console.log(sq.describe(), sq.side, [...sq], sq.in(), String(sq), sq.get, sq.set, sq.static);
  console.log(await sq.wait(1), await sq.collect(), Base.count, sq.label, new Named<string>("n").value);
}

asyncio.run(main);
