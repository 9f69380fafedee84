// A prefix unique to one test file and run, so parallel test files (and reruns after a crash)
// never share a queue or an exchange on the one broker.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

export function uniqueNamespace(testFile: string): string {
  const stem = basename(testFile)
    .replace(/\.e2e-spec\.ts$/, '')
    .replace(/[^a-z0-9-]/gi, '-');
  return `t-${stem}-${randomBytes(4).toString('hex')}.`;
}
