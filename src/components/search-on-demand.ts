/**
 * Stands in for `@pagefind/default-ui` (see the alias in astro.config.mjs). Starlight's search
 * component imports the search UI when the page goes idle, on every page, although most visits
 * never search. This module is what it imports instead: a tiny `PagefindUI` that keeps the
 * options and loads the real UI (about 26 KB of JavaScript) only when the learner shows intent —
 * the pointer or focus reaches the search button — or opens the dialog (click, Ctrl/Cmd+K).
 */
type Options = Record<string, unknown> & { element: string };

// The package's own entry file: the bare name `@pagefind/default-ui` is aliased to this module.
const loadUi = () => import("@pagefind/default-ui/npm_dist/mjs/ui-core.mjs");

export class PagefindUI {
  #started = false;

  constructor(options: Options) {
    const search = document.querySelector("site-search");
    const button = search?.querySelector("button[data-open-modal]");
    const dialog = search?.querySelector("dialog");
    const start = () => {
      if (this.#started) return;
      this.#started = true;
      observer.disconnect();
      for (const event of INTENT) button?.removeEventListener(event, start);
      void loadUi().then(({ PagefindUI: RealUI }) => {
        new RealUI(options);
        // The dialog may already be open and its input was not there to take the focus then.
        if (dialog?.open) dialog.querySelector<HTMLInputElement>("input")?.focus();
      });
    };
    const observer = new MutationObserver(() => {
      if (dialog?.open) start();
    });
    if (dialog) observer.observe(dialog, { attributes: true, attributeFilter: ["open"] });
    for (const event of INTENT) button?.addEventListener(event, start, { passive: true });
    if (!button || !dialog || dialog.open) start();
  }
}

const INTENT = ["pointerenter", "focus", "touchstart"] as const;
