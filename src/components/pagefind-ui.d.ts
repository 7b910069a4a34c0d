/** The part of Pagefind's default UI that the on-demand search loader uses. */
declare module "@pagefind/default-ui/npm_dist/mjs/ui-core.mjs" {
  export class PagefindUI {
    constructor(options: Record<string, unknown>);
  }
}
