// One of the processes of test/journal/payload-key-race: says it is ready, waits for the start file, then makes or
// reads the key of every folder given, as fast as it can, and prints what it got for each.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreatePayloadKey } from '@pcms/journal';

const [startFile, ...folders] = process.argv.slice(3);
writeFileSync(`${startFile}.ready.${process.pid}`, '');
while (!existsSync(startFile)) {
  // Spin: the processes must leave the barrier within microseconds of each other.
}
const results = folders.map((folder) => {
  try {
    return loadOrCreatePayloadKey(join(folder, 'journal.key')).toString('hex');
  } catch (error: unknown) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
});
process.stdout.write(JSON.stringify(results));
