import { ctx, type Frame } from "./context.ts";

/**
 * Awaits `x` from runtime code the way compiled learner code awaits: the frame
 * records what it waits on (so the waiting task can be cancelled through it and
 * the trace sees the suspension) and is re-entered when it resumes.
 */
export async function suspend<T>(frame: Frame, x: PromiseLike<T>): Promise<T> {
  try {
    return ctx.re(frame, await ctx.aw(frame, x));
  } catch (err) {
    ctx.re(frame);
    throw err;
  }
}

/** Runs a runtime coroutine in its own frame, as the compiler does for learner async functions. */
export function coroutine<T>(body: (frame: Frame) => Promise<T>): Promise<T> {
  return ctx.call(() => body(ctx.cur!));
}
