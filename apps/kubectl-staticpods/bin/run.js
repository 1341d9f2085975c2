#!/usr/bin/env node
// kubectl runs this as `kubectl staticpods …` when it is on PATH as kubectl-staticpods.
// CommonJS (bin/package.json): one require of the bundle's entry, no ES module chain at start-up.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = path.join(__dirname, '../bundle/run.cjs');
if (existsSync(bundle)) require(bundle);
else import(pathToFileURL(path.join(__dirname, '../dist/run.js')).href);
