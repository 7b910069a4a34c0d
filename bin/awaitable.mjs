#!/usr/bin/env node
// Entry point of the `awaitable` command; the CLI itself is TypeScript, run by Node's type stripping.
import { main } from "../src/cli/main.ts";

process.exitCode = await main(process.argv.slice(2));
