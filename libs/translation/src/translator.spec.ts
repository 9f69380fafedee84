import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { MappingEngine, MappingError, MappingErrorCode, MappingParser } from '@pcms/mapping';
import { PcmsEnvelopeCodec } from './codecs/pcms-envelope.codec';
import { MappingRegistry } from './mapping.registry';
import { TranslationError, TranslationErrorCode } from './translation.error';
import { Translator } from './translator';

const MAPPINGS = resolve(__dirname, '..', '..', '..', 'mappings');
const FULL = resolve(
  MAPPINGS,
  'person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json',
);
const TCHAD = resolve(MAPPINGS, 'red-to-person-wanted/fixtures/red-birth-country-tchad.input.xml');

interface Envelope {
  id: string;
  createdAt: string;
  sender: string;
  recipients: string[];
  handling: unknown;
  [key: string]: unknown;
}

describe(Translator.name, () => {
  let registry: MappingRegistry;
  let sut: Translator;

  beforeAll(async () => {
    registry = new MappingRegistry();
    const report = await registry.loadDirectory(MAPPINGS);
    expect(report.failed).toEqual([]);
    sut = new Translator(registry);
  });

  it('translates PCMS to RED and back keeping every field the notice carries', async () => {
    const input = await readFile(FULL);
    const original = JSON.parse(input.toString('utf8')) as Envelope;
    const red = sut.translate({ from: 'pcms-envelope', to: 'i247-notice', input });
    expect(red.mapping).toEqual({ id: 'person-wanted-to-red', version: '1.0.0' });
    expect(red.output.toString('utf8')).toContain('<PersonBirthDate>1984/03/17</PersonBirthDate>');
    const back = sut.translate({
      from: 'i247-notice',
      to: 'pcms-envelope',
      input: red.output,
      context: {
        messageId: original.id,
        createdAt: original.createdAt,
        sender: original.sender,
        recipients: original.recipients,
      },
    });
    expect(back.mapping.id).toBe('red-to-person-wanted');
    // Routing data (recipients are given back by the context, handling is PCMS-only) aside,
    // the envelope survives the round trip unchanged.
    const received = JSON.parse(back.output.toString('utf8')) as Envelope;
    expect({ ...received, handling: undefined }).toEqual({ ...original, handling: undefined });
  });

  it('maps a document the caller already parsed without parsing its bytes again', async () => {
    const input = await readFile(FULL);
    const fromBytes = sut.translate({ from: 'pcms-envelope', to: 'i247-notice', input });
    const parse = jest.spyOn(PcmsEnvelopeCodec.prototype, 'parse');
    try {
      const parsed = new PcmsEnvelopeCodec().parse(input);
      parse.mockClear();
      const fromParsed = sut.translate({ from: 'pcms-envelope', to: 'i247-notice', input, parsed });
      expect(parse).not.toHaveBeenCalled();
      expect(fromParsed.output.toString('utf8')).toBe(fromBytes.output.toString('utf8'));
      expect(fromParsed.mapping).toEqual(fromBytes.mapping);
    } finally {
      parse.mockRestore();
    }
  });

  it('reads the type from the document and traces every rule to its line', async () => {
    const result = sut.translate({
      from: 'i247-notice',
      to: 'pcms-envelope',
      input: await readFile(TCHAD),
      context: { messageId: '9d3c2b1a-0f4e-4d5c-8b7a-6e5f4d3c2b1a', createdAt: '2024-10-08T10:00:00Z' },
    });
    expect(result.value).toMatchObject({ payload: { subject: { birthPlace: { country: 'TD' } } } });
    expect(result.trace).toContainEqual({
      rule: expect.stringMatching(/red-to-person-wanted[\\/]mapping\.yaml:\d+$/u) as string,
      from: 'subject.birthCountry',
      to: 'payload.subject.birthPlace.country',
    });
  });

  it('refuses a mapped envelope that validateEnvelope rejects', async () => {
    const error = capture(async () =>
      sut.translate({
        from: 'i247-notice',
        to: 'pcms-envelope',
        input: await readFile(TCHAD),
        context: { messageId: 'not-a-uuid', createdAt: 'yesterday' },
      }),
    );
    await expect(error).resolves.toMatchObject({ code: TranslationErrorCode.OutputInvalid });
    expect((await error).issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['id', 'createdAt']),
    );
  });

  it('reports a failing rule as MappingFailed with the MappingError as cause', async () => {
    const input = Buffer.from((await readFile(TCHAD, 'utf8')).replace('>Tchad<', '>Atlantis<'));
    const error = await capture(() =>
      Promise.resolve(
        sut.translate({
          from: 'i247-notice',
          to: 'pcms-envelope',
          input,
          context: { messageId: 'x', createdAt: 'y' },
        }),
      ),
    );
    expect(error.code).toBe(TranslationErrorCode.MappingFailed);
    expect(error.cause).toBeInstanceOf(MappingError);
    expect(error.cause).toMatchObject({
      code: MappingErrorCode.TransformFailed,
      sourcePath: 'subject.birthCountry',
    });
  });

  it.each([
    [{ from: 'pcms-envelope', to: 'wacap-json' }, TranslationErrorCode.FormatUnknown],
    [
      { from: 'pcms-envelope', to: 'i247-notice', input: Buffer.from('{not json') },
      TranslationErrorCode.InputInvalid,
    ],
    [{ from: 'i247-notice', to: 'i247-notice' }, TranslationErrorCode.InputInvalid],
    [
      { from: 'pcms-envelope', to: 'i247-notice', mappingId: 'red-to-person-wanted' },
      TranslationErrorCode.MappingNotFound,
    ],
    [{ from: 'pcms-envelope', to: 'i247-notice', mappingId: 'nope' }, TranslationErrorCode.MappingNotFound],
  ])('refuses %j with %s', async (request, code) => {
    const input = await readFile(FULL);
    await expect(capture(() => Promise.resolve(sut.translate({ input, ...request })))).resolves.toMatchObject(
      { code },
    );
  });

  it('finds no mapping for a pair nobody declared', async () => {
    const empty = new Translator(new MappingRegistry());
    const error = await capture(async () =>
      empty.translate({ from: 'pcms-envelope', to: 'i247-notice', input: await readFile(FULL) }),
    );
    expect(error.code).toBe(TranslationErrorCode.MappingNotFound);
  });

  it('lets nothing but MappingError out of the real mappings, whatever the source tree', () => {
    const engine = new MappingEngine();
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true }), fc.anything(), (source, context) => {
        for (const mapping of registry.list()) {
          try {
            engine.apply(
              mapping,
              source,
              (typeof context === 'object' && context !== null ? context : {}) as Record<string, unknown>,
            );
          } catch (error: unknown) {
            if (!(error instanceof MappingError)) throw error;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe(MappingRegistry.name, () => {
  it('keeps a good mapping when a bad file with the same id fails to load', () => {
    const sut = new MappingRegistry();
    const parser = new MappingParser();
    sut.register(
      parser.parse(
        'id: m\nversion: 1.0.0\nsource: {format: a}\ntarget: {format: b}\nrules: [{from: x, to: y}]',
        'm.yaml',
      ),
    );
    expect(() => parser.parse('id: m\nversion: 2.0.0\nrules: [{from: x}]', 'm.yaml')).toThrow(MappingError);
    expect(sut.get('m')?.version).toBe('1.0.0');
    expect(sut.find({ from: 'a', to: 'b', type: 'anything' })?.id).toBe('m');
    expect(sut.find({ from: 'b', to: 'a' })).toBeUndefined();
  });
});

async function capture(fn: () => Promise<unknown>): Promise<TranslationError> {
  try {
    await fn();
  } catch (error: unknown) {
    if (error instanceof TranslationError) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}
