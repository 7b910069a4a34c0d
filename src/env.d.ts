// Astro's ambient modules (`astro:content`) and `import.meta.env`, for the files the site build uses.
/// <reference types="astro/client" />
