/**
 * The components lessons import for practice:
 *
 *     import { Exercise, Quiz, Question, Option } from "../../src/user-components/index.ts";
 *
 * Their syntax, and what the build checks, is in README's "Adding a lesson".
 */
export { default as Exercise } from "./Exercise.astro";
export { default as Quiz } from "./Quiz.astro";
export { default as Question } from "./Question.astro";
export { default as Option } from "./Option.astro";
