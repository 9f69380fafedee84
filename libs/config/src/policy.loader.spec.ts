import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigErrorCode } from './config.error';
import { loadPolicy } from './policy.loader';

const projectRoot = join(__dirname, '..', '..', '..');
const shipped = readFileSync(join(projectRoot, 'config', 'policy.yaml'), 'utf8');

function rootWithPolicy(yaml: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'pcms-policy-'));
  mkdirSync(join(root, 'config'));
  const file = join(root, 'config', 'policy.yaml');
  writeFileSync(file, yaml);
  return { root, file };
}

function captureError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const lineOf = (yaml: string, text: string) => yaml.split('\n').findIndex((line) => line.includes(text)) + 1;

describe(loadPolicy.name, () => {
  it('loads the shipped policy: four refusing outbound rules then the four-eyes hold, in order; the inbound rules', () => {
    const sut = loadPolicy({ rootDir: projectRoot });

    expect(sut.outbound.map((rule) => [rule.name, rule.decision, rule.code])).toEqual([
      ['never-released', 'refuse', 'ROUTING_NEVER_RELEASED'],
      ['releasability', 'refuse', 'ROUTING_NOT_RELEASABLE'],
      ['classification-ceiling', 'refuse', 'ROUTING_CLASSIFICATION_TOO_HIGH'],
      ['supported-type', 'refuse', 'ROUTING_TYPE_NOT_SUPPORTED'],
      ['originator-consent', 'hold', undefined],
    ]);
    expect(sut.outbound[4].hold).toEqual({ approvals: 2, expiresAfterMs: 86_400_000 });
    expect(sut.outbound[2].when).toEqual({ classificationAbove: 'RESTRICTED' });
    expect(sut.inbound).toEqual([
      { name: 'requester', when: { type: ['response.information'] }, to: { platformOf: 'requester' } },
      {
        name: 'nationality',
        when: { typeNotIn: ['response.information'] },
        to: { platformOf: 'nationalities' },
      },
      {
        name: 'warrant-country',
        when: { typeNotIn: ['response.information'] },
        to: { platformOf: 'warrantCountries' },
      },
      {
        name: 'event-country',
        when: { typeNotIn: ['response.information'] },
        to: { platformOf: 'eventCountries' },
      },
      { name: 'regional-platform', to: { platform: 'RP' } },
    ]);
  });

  it('names the key, the file and the line of every invalid value, all at once', () => {
    const broken = shipped
      .replace('classificationAbove: RESTRICTED', 'classificationAbove: TOP-SECRET')
      .replace('- person.wanted', '- person.wantd')
      .replace('platform: RP', 'platform: NP-FR');
    const { root, file } = rootWithPolicy(broken);

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(error.issues.map((issue) => issue.key)).toEqual([
      'outbound.2.when.classificationAbove',
      'outbound.3.when.typeNotIn',
      'inbound.4.to.platform',
    ]);
    const ceiling = error.issues[0];
    expect(ceiling.source).toMatch(new RegExp(`^${file}:${lineOf(broken, 'TOP-SECRET')}:\\d+$`));
    expect(error.issues[2].source).toMatch(new RegExp(`^${file}:${lineOf(broken, 'NP-FR')}:\\d+$`));
    expect(error.message).toContain(`${file}:${lineOf(broken, 'person.wantd')}`);
  });

  it('loads a hold rule with its terms, defaults 2 operators and 24 hours', () => {
    const held = shipped.replace(
      'outbound:\n',
      'outbound:\n  - rule: quick\n    when: { type: [person.missing] }\n    decision: hold\n    approvals: 1\n    expiresAfter: 30m\n' +
        '  - rule: slow\n    when: { type: [alert.threat] }\n    decision: hold\n',
    );
    const { root } = rootWithPolicy(held);

    const sut = loadPolicy({ rootDir: root });

    expect(sut.outbound[0]).toMatchObject({
      decision: 'hold',
      hold: { approvals: 1, expiresAfterMs: 1_800_000 },
    });
    expect(sut.outbound[1].hold).toEqual({ approvals: 2, expiresAfterMs: 86_400_000 });
  });

  it.each([
    ['no operator', 'approvals: 0', 'outbound.0.approvals', 'must be at least 1 operator'],
    ['half an operator', 'approvals: 1.5', 'outbound.0.approvals', 'must be a whole number of operators'],
    [
      'a duration without unit',
      'expiresAfter: 24',
      'outbound.0.expiresAfter',
      'must be a duration such as 30m, 24h or 7d (s, m, h, d)',
    ],
  ])('refuses a hold with %s, naming the key and the line', (_case, term, key, reason) => {
    const broken = shipped.replace(
      'outbound:\n',
      `outbound:\n  - rule: wait\n    when: { type: [person.missing] }\n    decision: hold\n    ${term}\n`,
    );
    const { root, file } = rootWithPolicy(broken);

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.issues).toEqual([
      { key, reason, source: expect.stringMatching(new RegExp(`^${file}:${lineOf(broken, term)}:`)) },
    ]);
  });

  it('refuses hold terms on a rule that does not hold', () => {
    const { root } = rootWithPolicy(
      shipped.replace('code: ROUTING_NEVER_RELEASED', 'code: ROUTING_NEVER_RELEASED\n    approvals: 2'),
    );

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.issues.map((issue) => [issue.key, issue.reason])).toEqual([
      ['outbound.0.approvals', 'is allowed with decision: hold only'],
    ]);
  });

  it.each([
    [
      'an unknown condition (a typo must not pass silently)',
      ['{ type: [incident.report] }', '{ typ: [incident.report] }'],
      'outbound.0.when.typ',
    ],
    [
      'a rule without a condition, which would match everything',
      ['{ notReleasableTo: INTERPOL }', '{}'],
      'outbound.1.when',
    ],
    ['a rule name used twice', ['rule: supported-type', 'rule: releasability'], 'outbound.3.rule'],
    ['an unknown refusal code', ['ROUTING_NEVER_RELEASED', 'NEVER'], 'outbound.0.code'],
    [
      'an inbound rule with two targets',
      ['{ platform: RP }', '{ platform: RP, platformOf: nationalities }'],
      'inbound.4.to',
    ],
    [
      'an inbound condition on an unknown type',
      ['when: { type: [response.information] }', 'when: { type: [response.informations] }'],
      'inbound.0.when.type',
    ],
    [
      'an inbound rule with an empty condition',
      ['when: { type: [response.information] }', 'when: {}'],
      'inbound.0.when',
    ],
    [
      'an unknown inbound target',
      ['platformOf: requester', 'platformOf: requesters'],
      'inbound.0.to.platformOf',
    ],
    [
      'a misspelt event target (a rule that would silently route by nothing)',
      ['platformOf: eventCountries', 'platformOf: eventCountry'],
      'inbound.3.to.platformOf',
    ],
    ['another version', ['version: 1', 'version: 2'], 'version'],
  ])('refuses %s', (_case, [from, to], key) => {
    const { root } = rootWithPolicy(shipped.replace(from, to));

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.issues.map((issue) => issue.key)).toEqual([key]);
    expect(error.issues[0].source).toMatch(/policy\.yaml:\d+:\d+$/);
  });

  it('names the targets an inbound rule may read when it reads another', () => {
    const { root } = rootWithPolicy(
      shipped.replace('platformOf: eventCountries', 'platformOf: placeOfBirth'),
    );

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.issues.map((issue) => [issue.key, issue.reason])).toEqual([
      [
        'inbound.3.to.platformOf',
        'must be one of nationalities, warrantCountries, eventCountries, requester',
      ],
    ]);
  });

  it('loads the shipped judicial rules: the addressee, the secretariat copy, the INTERPOL channel', () => {
    const sut = loadPolicy({ rootDir: projectRoot, judicialNetworks: ['sahel-platform', 'wacap'] });

    expect(sut.judicial).toEqual([
      { name: 'addressee', to: 'addressee' },
      {
        name: 'secretariat-copy',
        when: { type: ['judicial.request', 'judicial.status'], bothMembersOf: 'sahel-platform' },
        to: 'secretariat',
      },
      {
        name: 'interpol-channel',
        when: { type: ['judicial.request'], channel: ['interpol'] },
        to: 'interpol',
      },
    ]);
  });

  it('names the key and the line of a judicial rule with an unknown target, key, type or network', () => {
    const broken = shipped
      .replace('to: addressee', 'to: requested-authority')
      .replace('type: [judicial.request, judicial.status]', 'type: [judicial.request, judicial.answer]')
      .replace('channel: [interpol]', 'channel: [interpol], urgency: [urgent]')
      .replace('bothMembersOf: sahel-platform', 'bothMembersOf: sahel-plateform');
    const { root, file } = rootWithPolicy(broken);

    const error = captureError(() => loadPolicy({ rootDir: root, judicialNetworks: ['sahel-platform'] }));

    expect(error.issues.map((issue) => [issue.key, issue.reason])).toEqual([
      ['judicial.0.to', 'must be one of addressee, secretariat, interpol'],
      ['judicial.1.when.type', 'must be among judicial.request, judicial.status, judicial.contact'],
      ['judicial.2.when.urgency', 'property urgency should not exist'],
      ['judicial.1.when.bothMembersOf', 'is not a network of the judicial directory (sahel-platform)'],
    ]);
    expect(error.issues[0].source).toBe(`${file}:${lineOf(broken, 'to: requested-authority')}:9`);
    expect(error.issues[3].source).toMatch(new RegExp(`^${file}:${lineOf(broken, 'sahel-plateform')}:\\d+$`));
  });

  it('refuses two judicial rules of one name and an empty when; a policy without the section routes nothing', () => {
    const twice = shipped
      .replace('rule: secretariat-copy', 'rule: addressee')
      .replace('when: { type: [judicial.request], channel: [interpol] }', 'when: {}');
    const { root } = rootWithPolicy(twice);
    const { root: without } = rootWithPolicy(shipped.slice(0, shipped.indexOf('\n# The judicial network')));

    const error = captureError(() => loadPolicy({ rootDir: root }));

    expect(error.issues.map((issue) => [issue.key, issue.reason])).toEqual([
      ['judicial.1.rule', 'is used by an earlier rule'],
      ['judicial.2.when', 'must hold a condition, or be left out'],
    ]);
    expect(loadPolicy({ rootDir: without }).judicial).toEqual([]);
  });

  it('says which file is missing, and which one cannot be parsed', () => {
    const missing = captureError(() => loadPolicy({ rootDir: projectRoot, file: 'config/nope.yaml' }));
    const { root } = rootWithPolicy('version: 1\noutbound: [\n');
    const unparsable = captureError(() => loadPolicy({ rootDir: root }));

    expect(missing.code).toBe(ConfigErrorCode.CONFIG_FILE_MISSING);
    expect(missing.message).toContain(join(projectRoot, 'config', 'nope.yaml'));
    expect(unparsable.code).toBe(ConfigErrorCode.CONFIG_FILE_UNREADABLE);
  });
});
