#!/usr/bin/env node
// kubectl runs this as `kubectl staticpods …` when it is on PATH as kubectl-staticpods.
import { existsSync } from 'node:fs';

const bundle = new URL('../bundle/run.js', import.meta.url);
await import(existsSync(bundle) ? bundle.href : new URL('../dist/run.js', import.meta.url).href);
