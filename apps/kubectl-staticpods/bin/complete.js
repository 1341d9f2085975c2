#!/usr/bin/env node
// kubectl runs this for `kubectl staticpods <TAB>` when it is on PATH as kubectl_complete-staticpods.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = path.join(__dirname, '../bundle/complete.js');
import(pathToFileURL(existsSync(bundle) ? bundle : path.join(__dirname, '../dist/complete-run.js')).href);
