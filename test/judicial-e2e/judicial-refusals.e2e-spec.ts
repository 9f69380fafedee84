// Issue 15 point 8 on the running judicial adapter: each kind of bad input is a coded refusal, the
// document quarantined with its reason and the refusal journaled; nothing else stops (a valid
// request after all of them is taken). A directory with a duplicate or an unknown state stops the
// adapter's start, naming file:line:column and the code. Messages are sent as an authority's system
// sends them (sendAsAuthority).
import {
  JudicialErrorCode,
  requestMessage,
  statusMessage,
  type JudicialMessage,
  type JudicialRequest,
} from '@pcms/judicial';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startJudicialAdapter } from '../../apps/judicial-adapter/src/judicial-adapter.app';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';

jest.setTimeout(120_000);

const REQUESTS = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok');
const NOT_OK_DIRECTORIES = join(PROJECT_ROOT, 'libs/judicial/fixtures/directory/not-ok');

function mla(changes: Partial<Record<keyof JudicialRequest, unknown>> = {}): JudicialRequest {
  const fixture = JSON.parse(
    readFileSync(join(REQUESTS, 'mla-mali-to-niger.json'), 'utf8'),
  ) as JudicialRequest;
  return { ...fixture, requestId: randomUUID(), ...changes } as JudicialRequest;
}

describe('judicial refusals on the running adapter', () => {
  let gateway: JudicialGateway;
  /** A request Mali's central authority sent to Niger's, stored SUBMITTED: the statuses below are about it. */
  let submitted: JudicialRequest;

  beforeAll(async () => {
    gateway = await JudicialGateway.start(__filename);
    submitted = mla();
    expect((await gateway.send(requestMessage(submitted))).status).toBe(202);
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  /** What is sent, the status and code it is answered with, and words of its reason. */
  const cases: [string, () => JudicialMessage, number, string, string][] = [
    [
      'a request to an authority the directory does not list',
      () => requestMessage(mla({ requested: { authority: 'XX-CA' } })),
      422,
      JudicialErrorCode.AuthorityUnknown,
      'authority XX-CA is not in the judicial directory',
    ],
    [
      'a request without legal basis',
      () => requestMessage(mla({ legalBasis: [] })),
      422,
      JudicialErrorCode.RequestInvalid,
      'legalBasis',
    ],
    [
      'an illegal transition (SUBMITTED straight to EXECUTED)',
      () => statusMessage({ requestId: submitted.requestId, status: 'EXECUTED', authority: 'NE-CA' }),
      422,
      JudicialErrorCode.TransitionIllegal,
      'cannot move from SUBMITTED to EXECUTED',
    ],
    [
      'a move by the wrong party (the requester acknowledging its own request)',
      () => statusMessage({ requestId: submitted.requestId, status: 'RECEIVED', authority: 'ML-CA' }),
      422,
      JudicialErrorCode.TransitionWrongParty,
      'only the requested side moves a request from SUBMITTED to RECEIVED',
    ],
    [
      'a status from a state that is not a party (Senegal on a Mali-Niger request)',
      () => statusMessage({ requestId: submitted.requestId, status: 'RECEIVED', authority: 'SN-CA' }),
      422,
      JudicialErrorCode.StatusNotAParty,
      'SN-CA (SN) is not a party to request',
    ],
    [
      // It is in the directory: "not in the judicial directory" would send the operator looking for a typo.
      'a status sent by the platform’s secretariat (it speaks for no state)',
      () => statusMessage({ requestId: submitted.requestId, status: 'RECEIVED', authority: 'PCJS-SEC' }),
      422,
      JudicialErrorCode.StatusNotAParty,
      'PCJS-SEC is not a party to request',
    ],
  ];

  it.each(cases)(
    '%s: refused with its code, quarantined with its reason, journaled',
    async (_, build, status, code, words) => {
      const message = build();

      const answer = await gateway.send(message);

      expect({ status: answer.status, code: (answer.body as { code?: string }).code }).toEqual({
        status,
        code,
      });
      expect((answer.body as { reason?: string }).reason).toEqual(expect.stringContaining(words));
      const letter = await gateway.harness.deadLetterOf(message.id);
      expect({ code: letter.code, queue: letter.originalQueue }).toEqual({
        code,
        queue: 'judicial-adapter.https',
      });
      expect(letter.reason).toContain(' / ');
      await expectEventually(async () => {
        const trace = await (await gateway.harness.journal()).trace(message.id);
        expect(trace.find((entry) => entry.stage === 'rejected')?.details).toMatchObject({ code });
      });
    },
  );

  it('stops nothing: the request refused moves are about is unmoved, and a valid request is still taken', async () => {
    const store = await gateway.store();
    expect((await store.find(submitted.requestId))?.state).toBe('SUBMITTED');
    const next = mla();

    expect((await gateway.send(requestMessage(next))).status).toBe(202);
    expect((await store.find(next.requestId))?.state).toBe('SUBMITTED');
  });

  it.each([
    ['duplicate-state.yaml', JudicialErrorCode.DirectoryDuplicateState],
    ['unknown-state.yaml', JudicialErrorCode.DirectoryUnknownState],
  ])('does not start on a directory with %s: the code and file:line:column', async (file, code) => {
    const directoryFile = join(NOT_OK_DIRECTORIES, file);
    const config = {
      ...gateway.config,
      judicialAdapter: { ...gateway.config.judicialAdapter, directoryFile },
    };

    const start = startJudicialAdapter(config);

    await expect(start).rejects.toMatchObject({ code });
    await expect(start).rejects.toThrow(`${directoryFile}:14:9 ${code}`);
  });
});
