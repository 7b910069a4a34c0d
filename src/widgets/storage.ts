/**
 * Learner edits, kept in localStorage per example key so they survive a reload. Storage can be
 * missing or full (private windows, quotas); edits then simply last until the page closes.
 */
const PREFIX = "awaitable:edit:";

export function loadEdit(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

/** Saves `code`, or forgets the edit when it equals the original. */
export function saveEdit(key: string, code: string, original: string): void {
  try {
    if (code === original) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, code);
  } catch {
    // Nothing to do: the edit stays in the editor for this visit.
  }
}

export function clearEdit(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // See saveEdit.
  }
}
