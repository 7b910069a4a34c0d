/**
 * Source edits made against original offsets, applied in one pass, with a map
 * from every position of the result back to the original. Only insertions and
 * removals are needed: types are removed, instrumentation is inserted.
 */

interface Insert {
  pos: number;
  text: string;
  /** "close" text belongs to what precedes it (a closing paren), "open" text to what follows. */
  kind: "open" | "close";
  /** AST depth; at one position, deeper closers go first and shallower openers go first. */
  depth: number;
  seq: number;
}

interface Segment {
  /** Start of the segment in the generated text. */
  gen: number;
  /** Original offset it maps to. */
  orig: number;
  /** Copied original text maps one to one; inserted text maps every position to `orig`. */
  copied: boolean;
}

/** Maps offsets in generated code back to the original source. */
export class PositionMap {
  private readonly segments: Segment[];

  constructor(segments: Segment[]) {
    this.segments = segments;
  }

  /** The original offset a generated offset comes from. */
  original(genOffset: number): number {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.gen <= genOffset) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo];
    if (seg === undefined) return 0;
    return seg.copied ? seg.orig + (genOffset - seg.gen) : seg.orig;
  }
}

export class Edits {
  private readonly inserts: Insert[] = [];
  private readonly removals: Array<{ start: number; end: number }> = [];
  private seq = 0;
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  open(pos: number, text: string, depth: number): void {
    this.inserts.push({ pos, text, kind: "open", depth, seq: this.seq++ });
  }

  close(pos: number, text: string, depth: number): void {
    this.inserts.push({ pos, text, kind: "close", depth, seq: this.seq++ });
  }

  remove(start: number, end: number): void {
    if (end > start) this.removals.push({ start, end });
  }

  /** Applies every edit; `prefix` is generated text placed before the program (mapped to offset 0). */
  apply(prefix = "", suffix = ""): { code: string; map: PositionMap } {
    const source = this.source;
    const removals = mergeRanges(this.removals);
    const inserts = this.inserts.slice().sort(compareInserts);
    const parts: string[] = [prefix];
    const segments: Segment[] = [{ gen: 0, orig: 0, copied: false }];
    let gen = prefix.length;
    let pos = 0;
    let ri = 0;
    let ii = 0;
    const emitInsert = (ins: Insert): void => {
      segments.push({ gen, orig: ins.pos, copied: false });
      parts.push(ins.text);
      gen += ins.text.length;
    };
    const copy = (to: number): void => {
      if (to <= pos) return;
      segments.push({ gen, orig: pos, copied: true });
      parts.push(source.slice(pos, to));
      gen += to - pos;
      pos = to;
    };
    while (pos < source.length || ii < inserts.length) {
      const nextRemoval = removals[ri];
      const nextInsert = inserts[ii];
      const stop = Math.min(nextRemoval?.start ?? Infinity, nextInsert?.pos ?? Infinity, source.length);
      copy(stop);
      if (nextInsert !== undefined && nextInsert.pos <= pos) {
        // Inserts inside a removed range are dropped with it.
        if (!(nextRemoval !== undefined && nextRemoval.start < nextInsert.pos && nextInsert.pos < nextRemoval.end)) {
          emitInsert(nextInsert);
        }
        ii++;
        continue;
      }
      if (nextRemoval !== undefined && nextRemoval.start <= pos) {
        pos = Math.max(pos, nextRemoval.end);
        ri++;
        continue;
      }
      if (pos >= source.length) break;
    }
    segments.push({ gen, orig: source.length, copied: false });
    parts.push(suffix);
    return { code: parts.join(""), map: new PositionMap(segments) };
  }
}

function compareInserts(a: Insert, b: Insert): number {
  if (a.pos !== b.pos) return a.pos - b.pos;
  if (a.kind !== b.kind) return a.kind === "close" ? -1 : 1;
  if (a.depth !== b.depth) return a.kind === "close" ? b.depth - a.depth : a.depth - b.depth;
  return a.kind === "close" ? b.seq - a.seq : a.seq - b.seq;
}

function mergeRanges(ranges: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = ranges.slice().sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}
