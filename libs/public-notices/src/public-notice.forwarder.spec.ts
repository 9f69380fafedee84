import { MappingRegistry, Translator } from '@pcms/translation';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PublicNoticeForwarder, type TranslatedPublicNotice } from './public-notice.forwarder';

const FIXTURES = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'mappings',
  'interpol-red-to-person-wanted',
  'fixtures',
);
const FROM_FILE = { source: 'file', location: 'red.json' } as const;

/** The fingerprints as Redis keeps them: one hash, here a Map. */
class MemoryFingerprints {
  readonly entries = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.entries.get(key));
  }
  set(key: string, fingerprint: string): Promise<void> {
    this.entries.set(key, fingerprint);
    return Promise.resolve();
  }
}

describe(PublicNoticeForwarder.name, () => {
  let translator: Translator;
  let traore: Record<string, unknown>;
  let fingerprints: MemoryFingerprints;
  let forwarded: TranslatedPublicNotice[];
  let outletFails: boolean;
  let sut: PublicNoticeForwarder;

  const bytes = (document: object, indent?: number) => Buffer.from(JSON.stringify(document, null, indent));

  beforeAll(async () => {
    const registry = new MappingRegistry();
    expect((await registry.loadDirectory(resolve(FIXTURES, '..', '..'))).failed).toEqual([]);
    translator = new Translator(registry);
    const input = resolve(FIXTURES, 'mali-national-wanted-by-mali-and-niger.input.json');
    traore = JSON.parse(await readFile(input, 'utf8')) as Record<string, unknown>;
  });

  beforeEach(() => {
    fingerprints = new MemoryFingerprints();
    forwarded = [];
    outletFails = false;
    const outlet = {
      forward: (notice: TranslatedPublicNotice) => {
        if (outletFails) return Promise.reject(new Error('broker down'));
        forwarded.push(notice);
        return Promise.resolve();
      },
    };
    sut = new PublicNoticeForwarder(translator, fingerprints, outlet, { maxBytes: 1_000_000, maxDepth: 32 });
  });

  it('forwards a new notice concerning the G5, as INTERPOL, with why it concerns the G5', async () => {
    const result = await sut.forward(bytes(traore), FROM_FILE);
    expect(result).toMatchObject({ outcome: 'forwarded', kind: 'red', entityId: '2024/31877' });
    expect(result.concern).toEqual(['nationality ML', 'warrant ML', 'warrant NE']);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].envelope).toMatchObject({
      id: result.messageId,
      sender: 'INTERPOL',
      type: 'person.wanted',
    });
    expect(forwarded[0].origin).toEqual(FROM_FILE);
    expect(fingerprints.entries.has('red:2024/31877')).toBe(true);
  });

  it('does not forward the same notice twice, even served with other whitespace and key order', async () => {
    await sut.forward(bytes(traore), FROM_FILE);
    const reordered = Object.fromEntries(Object.entries(traore).reverse());
    const again = await sut.forward(bytes(reordered, 2), FROM_FILE);
    expect(again).toEqual({ outcome: 'unchanged', kind: 'red', entityId: '2024/31877' });
    expect(forwarded).toHaveLength(1);
  });

  it('forwards a changed notice again, as a new message; the same content always gets the same id', async () => {
    const first = await sut.forward(bytes(traore), FROM_FILE);
    const changed = await sut.forward(bytes({ ...traore, weight: 80 }), FROM_FILE);
    expect(changed.outcome).toBe('forwarded');
    expect(changed.messageId).not.toBe(first.messageId);

    fingerprints.entries.clear();
    const replayed = await sut.forward(bytes(traore), FROM_FILE);
    expect(replayed.messageId).toBe(first.messageId);
  });

  it('records but does not forward a notice that concerns no G5 country', async () => {
    const foreign = {
      ...traore,
      nationalities: ['FR'],
      country_of_birth_id: 'FR',
      arrest_warrants: [{ charge: 'Fraud', issuing_country_id: 'BE', charge_translation: null }],
    };
    expect(await sut.forward(bytes(foreign), FROM_FILE)).toEqual({
      outcome: 'not-concerned',
      kind: 'red',
      entityId: '2024/31877',
    });
    expect(forwarded).toEqual([]);
    expect((await sut.forward(bytes(foreign), FROM_FILE)).outcome).toBe('unchanged');
  });

  it('keeps no fingerprint when the outlet fails, so that the next poll forwards the notice again', async () => {
    outletFails = true;
    await expect(sut.forward(bytes(traore), FROM_FILE)).rejects.toThrow('broker down');
    expect(fingerprints.entries.size).toBe(0);
    outletFails = false;
    expect((await sut.forward(bytes(traore), FROM_FILE)).outcome).toBe('forwarded');
  });

  it('refuses a document of no known kind with a coded error, and a malformed one with the codec’s code', async () => {
    await expect(
      sut.forward(bytes({ entity_id: '2024/1', hello: 'world' }), FROM_FILE),
    ).rejects.toMatchObject({
      code: 'PUBLIC_NOTICES_KIND_UNKNOWN',
    });
    await expect(sut.forward(Buffer.from('{"entity_id": "2024/1",'), FROM_FILE)).rejects.toMatchObject({
      code: expect.stringMatching(/^TRANSLATION_\w+$/),
    });
    expect(forwarded).toEqual([]);
    expect(fingerprints.entries.size).toBe(0);
  });
});
