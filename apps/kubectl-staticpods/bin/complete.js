#!/usr/bin/env node
// kubectl runs this for `kubectl staticpods <TAB>` when it is on PATH as kubectl_complete-staticpods.
import { existsSync } from 'node:fs';

const bundle = new URL('../bundle/complete.js', import.meta.url);
await import(existsSync(bundle) ? bundle.href : new URL('../dist/complete-run.js', import.meta.url).href);
