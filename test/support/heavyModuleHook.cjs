// Test only, preloaded with --require: says on stderr ("heavy-module-check <pid> <module>") each time this process
// loads a module of Google's client libraries or of the chart renderer, through require (CommonJS, most of
// Google's) or import (ES modules, the chart libraries). Children started with this process's options report
// under their own pid.
const { writeSync } = require('node:fs');
const Module = require('node:module');

const HEAVY_PATH = 'node_modules/(@google-cloud/|google-gax/|vega[^/]*/|@resvg/)';
const HEAVY_NAME = /^(@google-cloud\/|google-gax($|\/)|vega($|-|\/)|@resvg\/)/;
const report = (what) => writeSync(2, `heavy-module-check ${process.pid} ${what}\n`);

const load = Module._load;
Module._load = function loadReported(request, parent, ...rest) {
  const from = parent?.filename ?? '';
  if (HEAVY_NAME.test(request) || new RegExp(HEAVY_PATH).test(from)) report(request);
  return load.call(this, request, parent, ...rest);
};

Module.register(
  `data:text/javascript,${encodeURIComponent(`
    import { writeSync } from 'node:fs';
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (new RegExp(${JSON.stringify(HEAVY_PATH)}).test(resolved.url))
        writeSync(2, 'heavy-module-check ${process.pid} ' + specifier + '\\n');
      return resolved;
    }`)}`,
);
