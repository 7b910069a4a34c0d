/// <reference types="vite/client" />
/**
 * The predicate checks of the lessons (`content/lessons/checks/*.ts`), bundled into the sandbox
 * worker and loaded when an exercise names one.
 */
import type { Predicate, PredicateLoader } from "../practice/grade.ts";

const modules = import.meta.glob<{ default: Predicate }>("../../content/lessons/checks/*.ts");

export const loadPredicate: PredicateLoader = async (path) => {
  const load = modules[`../../content/lessons/${path}`];
  if (!load) throw new Error(`no module content/lessons/${path}`);
  return (await load()).default;
};
