import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { superviseApps, type SupervisedApp } from './app-supervisor';

/** A stand-in app: says it started, then on SIGTERM/SIGINT says so and exits with `code`. */
function app(name: string, script: string): SupervisedApp {
  return { name, command: process.execPath, args: ['-e', script] };
}

const STOPS_CLEANLY = `
  let signals = 0;
  const stop = (signal) => { signals += 1; console.log('stopping on ' + signal + ' #' + signals);
    setTimeout(() => process.exit(0), 50); };
  process.on('SIGTERM', stop); process.on('SIGINT', stop);
  console.log('started'); setInterval(() => {}, 1000);`;

function outputOf(stream: PassThrough): () => string {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return () => chunks.join('');
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(superviseApps.name, () => {
  it('relays a signal once to every app and exits 0 when each did, even when told twice', async () => {
    const out = new PassThrough();
    const output = outputOf(out);
    const signals = new EventEmitter();
    const sut = superviseApps({ apps: [app('one', STOPS_CLEANLY), app('two', STOPS_CLEANLY)], out, signals });
    await until(() => output().includes('[one] started') && output().includes('[two] started'));

    signals.emit('SIGINT', 'SIGINT');
    signals.emit('SIGINT', 'SIGINT');

    const result = await sut;
    expect(result.exitCode).toBe(0);
    expect(
      result.exits.map(({ name, code }) => ({ name, code })).sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'one', code: 0 },
      { name: 'two', code: 0 },
    ]);
    expect(output()).toContain('[one] stopping on SIGINT #1');
    expect(output()).not.toContain('#2');
    expect(output()).toContain('[supervisor] two exited with code 0');
    expect(signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops the others and exits 1 when an app fails on its own', async () => {
    const out = new PassThrough();
    const output = outputOf(out);
    const marker = join(mkdtempSync(join(tmpdir(), 'pcms-supervisor-')), 'fine-started');
    // The failing app waits until the other listens for signals, so that it is stopped, not killed.
    const fine = app('fine', `require('fs').writeFileSync(${JSON.stringify(marker)}, '');${STOPS_CLEANLY}`);
    const broken = app(
      'broken',
      `setInterval(() => { if (require('fs').existsSync(${JSON.stringify(marker)})) {
        console.error('no config'); process.exit(3); } }, 20);`,
    );

    const result = await superviseApps({ apps: [broken, fine], out, signals: new EventEmitter() });

    expect(result.exitCode).toBe(1);
    expect(output()).toContain('[broken] no config');
    expect(output()).toContain('[supervisor] broken exited with code 3');
    expect(output()).toContain('[supervisor] SUPERVISOR_APP_FAILED: broken failed, stopping the others');
    expect(output()).toContain('[fine] stopping on SIGTERM #1');
    expect(output()).toContain('[supervisor] fine exited with code 0');
  });

  it('starts a second instance with its own environment once the first said it started, and stops both', async () => {
    const out = new PassThrough();
    const output = outputOf(out);
    const signals = new EventEmitter();
    // The first instance takes a while to say it started; the second says which one it is.
    const first = app('one', `setTimeout(() => { ${STOPS_CLEANLY} }, 300);`);
    const second = {
      ...app('one#2', `console.log('instance ' + process.env.PCMS_INSTANCE);${STOPS_CLEANLY}`),
      env: { PCMS_INSTANCE: '2' },
      after: 'one',
    };
    const sut = superviseApps({ apps: [first, second], out, signals, readyLine: /^started$/ });
    await until(() => output().includes('[one#2] started'));

    signals.emit('SIGTERM', 'SIGTERM');

    const result = await sut;
    expect(result.exitCode).toBe(0);
    expect(result.exits.map((exit) => exit.name).sort()).toEqual(['one', 'one#2']);
    const text = output();
    expect(text.indexOf('[one#2] instance 2')).toBeGreaterThan(text.indexOf('[one] started'));
    expect(text).toContain('[one#2] stopping on SIGTERM #1');
    expect(text).toContain('[one] stopping on SIGTERM #1');
  });

  it('labels every line, including a last one without a newline and a character cut between chunks', async () => {
    const out = new PassThrough();
    const output = outputOf(out);
    // "arrêt" with its ê (2 bytes in UTF-8) written one byte at a time.
    const script = `const b = Buffer.from('a\\narr\\u00eat');
      (async () => { for (const byte of b) { process.stdout.write(Buffer.from([byte]));
        await new Promise((r) => setTimeout(r, 5)); } })();`;

    await superviseApps({ apps: [app('app', script)], out, signals: new EventEmitter() });

    expect(output()).toContain('[app] a\n[app] arrêt\n');
  });
});
