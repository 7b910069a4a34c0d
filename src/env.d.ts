// Astro's ambient modules (`astro:content`) and `import.meta.env`, for the files the site build uses.
/// <reference types="astro/client" />

// Astro components, for the TypeScript files that re-export them (Astro's own checker reads the
// components themselves).
declare module "*.astro" {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
