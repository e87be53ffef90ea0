#!/usr/bin/env node
// The built CLI; `npm install` builds dist/ (prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'govshare 尚未构建，请先运行 npm install（或 npm run build） / not built yet: run npm install (or npm run build) first',
  );
  process.exit(1);
}
await import(entry.href);
