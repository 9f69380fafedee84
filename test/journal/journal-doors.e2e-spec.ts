// What the journal says about where a message came in: the door a platform used (AMQP or HTTPS),
// and, for Interpol's public notices, the source itself, whichever process read them.
import { canonicalBytes } from '@pcms/envelope';
import type { JournalTraceEntry } from '@pcms/journal';
import { CmsSigner } from '@pcms/trust';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { httpsCall } from '../support/https-request';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(90_000);

const RED_MALI_NIGER_JSON = join(
  PROJECT_ROOT,
  'mappings/interpol-red-to-person-wanted/fixtures/mali-national-wanted-by-mali-and-niger.input.json',
);

describe('journal: the door of each message', () => {
  const suite = SuiteGateway.start(__filename);

  async function received(messageId: string): Promise<JournalTraceEntry> {
    const journal = await suite.gateway.journal();
    return expectEventually(
      async () => {
        const entry = (await journal.trace(messageId)).find((e) => e.stage === 'received');
        expect(entry).toBeDefined();
        return entry as JournalTraceEntry;
      },
      { timeoutMs: 20_000 },
    );
  }

  it('a submission through the HTTPS door is received with door=https, one through AMQP with door=amqp', async () => {
    const overHttps = personWanted({ recipients: ['INTERPOL'] });
    const body = canonicalBytes(overHttps);
    const answer = await httpsCall({
      url: `${suite.gateway.appUrl('pcms-adapter')}/submissions`,
      method: 'POST',
      credential: suite.gateway.pki.platforms['NP-ML'],
      caPem: suite.gateway.pki.ca.certificatePem,
      body,
      headers: {
        'x-pcms-signature': new CmsSigner(suite.gateway.pki.platforms['NP-ML']).sign(body).toString('base64'),
      },
    });
    expect(answer.status).toBe(202);
    const overAmqp = personWanted({ recipients: ['INTERPOL'] });
    await suite.gateway.platform('NP-ML').submit(overAmqp);

    expect((await received(overHttps.id)).details).toMatchObject({ door: 'https', sender: 'NP-ML' });
    expect((await received(overAmqp.id)).details).toMatchObject({ door: 'amqp', sender: 'NP-ML' });
    const trace = await runCli(suite.gateway.config, 'trace', overHttps.id);
    expect(trace.output).toMatch(/received +.*door=https/);
  });

  it('a public notice imported from the command line is journaled as the public-notices source, run by the CLI', async () => {
    const { output, exitCode } = await runCli(
      suite.gateway.config,
      'public-notices',
      'import',
      RED_MALI_NIGER_JSON,
      '--json',
    );
    expect(exitCode).toBe(0);
    const [result] = (JSON.parse(output) as { results: { messageId: string }[] }).results;

    const entry = await received(result.messageId);

    expect(entry.app).toBe('public-notices');
    expect(entry.details).toMatchObject({ door: 'public-notices', runBy: 'cli', sender: 'INTERPOL' });
  });
});
