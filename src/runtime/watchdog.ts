import { WatchdogError } from "./errors.ts";
import type { Host } from "./world.ts";

/**
 * The wall-clock watchdog. Virtual time cannot stop `while (true) {}`: only real
 * time can. Each loop handle starts a slice; the compiler puts a checkpoint in
 * every loop body, and a slice longer than the limit trips the watchdog there,
 * naming the loop's line. Once tripped it stays tripped, so a program that
 * catches the error is stopped at its next checkpoint or handle.
 */
export class Watchdog {
  private sliceStart = 0;
  /** Set once the limit has been passed. */
  tripped: WatchdogError | null = null;
  private readonly host: Host;
  private readonly limitMs: number;

  constructor(host: Host, limitMs: number) {
    this.host = host;
    this.limitMs = limitMs;
  }

  /** Called by the loop before each handle. */
  startSlice(): void {
    if (this.host.wallNow) this.sliceStart = this.host.wallNow();
  }

  /** Called from loop bodies (through the compiled `__rt.tick`). */
  check(line: number): void {
    if (this.tripped) throw this.tripped;
    const now = this.host.wallNow?.();
    if (now === undefined || now - this.sliceStart <= this.limitMs) return;
    this.tripped = new WatchdogError(
      `Stopped after ${(this.limitMs / 1000).toFixed(1)} s of work without a pause: the loop at line ${line} never gives control back to the event loop.`,
      line,
    );
    throw this.tripped;
  }
}
