// The README's measured sections: each between `<!-- NAME:start -->` and `<!-- NAME:end -->`, which
// a run replaces whole; nothing else of the README is touched.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Replaces the section's body; appends it (under `heading` when given) when absent; creates only a missing file. */
export function replaceReadmeSection(readmePath: string, name: string, body: string, heading?: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  // Prettier keeps a blank line after an HTML comment: without it `format:check` fails on the README.
  const section = [start, '', body.trimEnd(), end].join('\n');
  if (!existsSync(readmePath)) {
    writeFileSync(readmePath, `${section}\n`);
    return;
  }
  const current = readFileSync(readmePath, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end, from);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${heading === undefined ? '' : `${heading}\n\n`}${section}\n`;
  writeFileSync(readmePath, next);
}
