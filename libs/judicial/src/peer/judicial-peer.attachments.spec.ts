import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JudicialPeerAttachments } from './judicial-peer.attachments';

describe(JudicialPeerAttachments.name, () => {
  let folder: string;
  let sut: JudicialPeerAttachments;
  const source = () => join(folder, 'commission rogatoire.txt');

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'judicial-peer-attachments-'));
    writeFileSync(source(), 'ordonnance');
    sut = new JudicialPeerAttachments(join(folder, 'served'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('puts a file where it serves it as an authority’s system, and names its uri and digest', async () => {
    const put = sut.put('ML-CA', source(), 'https://127.0.0.1:9445');

    expect(put).toEqual({
      uri: 'https://127.0.0.1:9445/judicial/attachments/ML-CA/commission_rogatoire.txt',
      sha256: createHash('sha256').update('ordonnance').digest('hex'),
      name: 'commission_rogatoire.txt',
    });
    const found = await sut.find('GATEWAY', 'ML-CA', put.name);
    expect(found).toMatchObject({ ok: true, bytes: 10 });
    expect(readFileSync((found as { path: string }).path, 'utf8')).toBe('ordonnance');
  });

  it('serves the gateway only', async () => {
    const { name } = sut.put('ML-CA', source(), 'https://127.0.0.1:9445');

    expect(await sut.find('NE-CA', 'ML-CA', name)).toMatchObject({
      ok: false,
      status: 403,
      code: 'JUDICIAL_PEER_CLIENT_NOT_GATEWAY',
    });
  });

  it.each([
    ['a path out of the folder', 'ML-CA', '..'],
    ['a hidden file', 'ML-CA', '.env'],
    ['an authority that is a path', '..', 'served'],
    ['a file it does not hold', 'ML-CA', 'absent.pdf'],
  ])('answers 404 to %s', async (_, authority, name) => {
    sut.put('ML-CA', source(), 'https://127.0.0.1:9445');

    expect(await sut.find('GATEWAY', authority, name)).toMatchObject({
      ok: false,
      status: 404,
      code: 'JUDICIAL_PEER_ATTACHMENT_NOT_FOUND',
    });
  });
});
