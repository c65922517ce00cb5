#!/usr/bin/env -S node --import tsx
/** CLI entry point from the TypeScript source (tests, development); `bin/voc.mjs` runs the prebuilt bundle. */
import { main } from '../src/cli/main';

await main();
