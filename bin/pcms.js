#!/usr/bin/env node
// `pcms`: the gateway's command line, compiled by `npm start` or `npm run build`. It runs the built
// CLI directly, with none of `npm run cli`'s dependency check and rebuild (5-6 s per call).
// `pcms` : la ligne de commande de la passerelle, compilée par `npm start` ou `npm run build`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const main = join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
if (existsSync(main)) {
  // The configuration of the checkout it was built in, from whatever folder the operator types in
  // (`npm link` puts `pcms` on the PATH); PCMS_ROOT set by the operator still wins.
  process.env.PCMS_ROOT ||= root;
  require(main);
} else {
  process.stderr.write(
    `CLI_NOT_BUILT: ${main} is missing.\n` +
      `  EN: build the gateway first: \`npm start\` (builds, then starts it) or \`npm run build\`, in ${root}.\n` +
      `  FR: compilez d’abord la passerelle : \`npm start\` (compile puis démarre) ou \`npm run build\`, dans ${root}.\n`,
  );
  process.exitCode = 1;
}
