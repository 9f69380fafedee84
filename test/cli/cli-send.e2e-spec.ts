// `pcms send` beside the doors: a file can go exactly as it is (--raw), with a signature made by
// OpenSSL (--signature), and what the doors would refuse (too big, too deep) is refused here with a
// code in English and French, before anything is sent.
import { canonicalBytes } from '@pcms/envelope';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(90_000);

const SLOW = { timeoutMs: 30_000, intervalMs: 100 };

describe('pcms send', () => {
  const suite = SuiteGateway.start(__filename);
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcms-send-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(suite.gateway.config, ...args);

  async function delivered(messageId: string): Promise<void> {
    await expectEventually(async () => {
      expect((await suite.gateway.inbox.receipts()).map((r) => r.messageId)).toContain(messageId);
    }, SLOW);
  }

  /** NP-ML's certificate and key as files, for OpenSSL. */
  async function opensslSigner(): Promise<{ cert: string; key: string }> {
    const credential = suite.gateway.pki.credential('NP-ML');
    const cert = join(dir, 'np-ml.crt');
    const key = join(dir, 'np-ml.key');
    await writeFile(cert, credential.certificatePem);
    await writeFile(key, credential.privateKeyPem, { mode: 0o600 });
    return { cert, key };
  }

  it('--raw sends the file’s bytes as they are: a pretty-printed envelope reaches the door unchanged', async () => {
    const envelope = personWanted({ recipients: ['INTERPOL'] });
    const pretty = Buffer.from(JSON.stringify(envelope, null, 2));
    const file = join(dir, 'pretty.json');
    await writeFile(file, pretty);

    const { output, exitCode } = await cli('send', file, '--as', 'NP-ML', '--raw');

    expect(exitCode).toBe(0);
    expect(output).toContain(`Submitted ${envelope.id} as NP-ML (${pretty.length} bytes, signed as NP-ML`);
    // The door wants canonical bytes: it refuses these, and its dead letter holds them byte for byte.
    const letter = await suite.gateway.deadLetterOf(envelope.id);
    expect(letter.code).toBe('ENVELOPE_NOT_CANONICAL');
    expect(letter.body.equals(pretty)).toBe(true);
  });

  it('--signature sends the bytes with a detached CMS made by openssl (DER, PEM, RSA-PSS), and they are delivered', async () => {
    const { cert, key } = await opensslSigner();
    const variants = [
      { name: 'der', form: 'DER', options: [] },
      { name: 'pem', form: 'PEM', options: [] },
      // OpenSSL users choose PSS; the door verifies it (RFC 4056).
      { name: 'pss', form: 'DER', options: ['-keyopt', 'rsa_padding_mode:pss'] },
    ];
    for (const { name, form, options } of variants) {
      const envelope = personWanted({ recipients: ['INTERPOL'] });
      const file = join(dir, `signed-${name}.json`);
      const signature = join(dir, `signed-${name}.p7s`);
      await writeFile(file, canonicalBytes(envelope));
      execFileSync('openssl', [
        'cms',
        '-sign',
        '-binary',
        '-in',
        file,
        '-signer',
        cert,
        '-inkey',
        key,
        ...options,
        '-outform',
        form,
        '-out',
        signature,
      ]);

      const { output, exitCode } = await cli('send', file, '--as', 'NP-ML', '--signature', signature);

      expect(exitCode).toBe(0);
      expect(output).toContain('signature given');
      expect(output).toContain('signature fournie');
      await delivered(envelope.id);
    }
  });

  it('--raw canonical bytes are delivered; --new-id with --raw is refused, since it changes the bytes', async () => {
    const envelope = personWanted({ recipients: ['INTERPOL'] });
    const file = join(dir, 'canonical.json');
    await writeFile(file, canonicalBytes(envelope));

    expect((await cli('send', file, '--as', 'NP-ML', '--raw')).exitCode).toBe(0);
    await delivered(envelope.id);

    const both = await cli('send', file, '--as', 'NP-ML', '--raw', '--new-id');
    expect(both.exitCode).toBe(1);
    expect(both.output).toContain('SEND_OPTIONS_CONFLICT');
  });

  it('deeply nested JSON: a coded refusal in both languages, exit 1, no stack', async () => {
    const file = join(dir, 'deep.json');
    await writeFile(file, `{"id":"x","payload":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);

    const { output, exitCode } = await cli('send', file, '--as', 'NP-ML');

    expect(exitCode).toBe(1);
    expect(output).toContain(
      'Refused: ENVELOPE_TOO_DEEP: the JSON nests deeper than limits.maxJsonDepth (32)',
    );
    expect(output).toContain('Refusé : ENVELOPE_TOO_DEEP : le JSON est imbriqué');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('20 MB: refused before sending, saying the limit and the key that sets it', async () => {
    const file = join(dir, 'huge.json');
    const envelope = personWanted({ recipients: ['INTERPOL'] });
    await writeFile(file, JSON.stringify({ ...envelope, padding: 'x'.repeat(20 * 1024 * 1024) }));

    const { output, exitCode } = await cli('send', file, '--as', 'NP-ML');

    expect(exitCode).toBe(1);
    expect(output).toContain('SEND_TOO_LARGE');
    expect(output).toContain('more than limits.maxMessageBytes (1048576)');
    expect(output).toContain('plus que limits.maxMessageBytes (1048576)');
    expect(output).not.toContain('Submitted');
  });
});
