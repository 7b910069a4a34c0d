/** The slug of the lesson a page shows, as exercise and quiz keys use it: `01-sync-vs-async`. */
export function lessonSlugOf(url: URL): string {
  return url.pathname.split("/").filter(Boolean).at(-1) ?? "";
}

/** An id for markup derived from a key, stable across builds. */
export function domId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^a-zA-Z0-9-]/g, "-")}`;
}

/** Markdown inline code in a plain attribute string, as escaped HTML: `a` → <code>a</code>. */
export function inlineCodeHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (part.length > 1 && part.startsWith("`") && part.endsWith("`") ? `<code>${escape(part.slice(1, -1))}</code>` : escape(part)))
    .join("");
}
