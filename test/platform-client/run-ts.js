// Runs a TypeScript test helper as a process of its own (a platform that a test SIGKILLs): swc
// transpiles each .ts file as it is required, and @pcms/<lib> resolves as jest's moduleNameMapper
// does, so the child runs the same sources as the test without a build.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = join(__dirname, '..', '..');
const swc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
// Inline source maps are no use to a child whose stack traces nobody reads.
delete swc.sourceMaps;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolvePcms(request, ...rest) {
  const lib = /^@pcms\/([^/]+)(?:\/(testing|nest|process))?$/.exec(request);
  const target = lib ? join(ROOT, 'libs', lib[1], lib[2] ?? 'src', 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, swcrc: false, filename });
  module._compile(code, filename);
};

// class-transformer's @Type reads design-time metadata, as in jest's setupFiles.
require('reflect-metadata');
require(process.argv[2]);
