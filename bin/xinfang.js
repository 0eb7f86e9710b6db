#!/usr/bin/env node
// The xinfang executable: the compiled command line lives in dist/ (built by `npm ci` / `npm run build`).
import { main } from '../dist/src/cli/main.js';

await main();
