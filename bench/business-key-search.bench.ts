// `npm run bench -- --search`: the console's search by business key over a generated journal of N
// messages (default one million), on SQLite and on PostgreSQL. The journal is written through the
// index's own door (BusinessKeyIndex.indexEvents, as the journal writer does) from PCMS envelopes
// whose names follow the Sahel's: a few given names carried by a large share of people, each in
// several transliterations, so that "Mohamed" alone is the heaviest search an operator can type.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBusinessKeyIndex, type BusinessKeyIndex } from '@pcms/business-keys';
import type { JournalDatabaseLocation, JournalDriver, JournalEvent } from '@pcms/journal';
import { Client } from 'pg';
import { SeededRandom } from './chaos/seeded-random';
import { round, say, summarize } from './latency.stats';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 2000;
const QUERIES_PER_KIND = 60;
const WARM_UP_QUERIES = 10;
const FIRST_RECEIVED_MS = Date.parse('2026-01-01T00:00:00Z');
const TARGET_P95_MS = 300;

/**
 * Given names, each in the spellings the platforms write it in and the index folds together (the
 * first are the commonest). Spellings it does not fold together (Ousmane and Usman, Souleymane and
 * Sulaiman, Ibrahim and Ibrahima) are left apart: the bench measures speed, not the folding.
 */
const GIVEN_NAMES: readonly (readonly string[])[] = [
  ['Mohamed', 'Mohammed', 'Muhammad', 'Mahamat'],
  ['Ahmed', 'Ahmad', 'Ahmat'],
  ['Abdoulaye', 'Abdallah'],
  ['Oumar', 'Omar', 'Umar'],
  ['Ibrahim'],
  ['Moussa', 'Musa', 'Mousa'],
  ['Amadou'],
  ['Aboubacar', 'Abubakar'],
  ['Ousmane'],
  ['Souleymane'],
  ['Mamadou'],
  ['Issa'],
  ['Ali'],
  ['Hassan'],
  ['Idrissa'],
  ['Seydou', 'Seidou'],
  ['Youssouf', 'Yusuf', 'Yousouf'],
  ['Fatoumata'],
  ['Aminata'],
  ['Mariam', 'Maryam'],
  ['Aïcha', 'Aisha', 'Aicha'],
  ['Adama'],
  ['Salif'],
  ['Yacouba', 'Yakubu'],
  ['Cheikh', 'Sheikh'],
  ['Abdelkader', 'Abdel Kader'],
  ['Sidi'],
  ['Hawa'],
  ['Kadiatou'],
  ['Zeinab', 'Zainab'],
];
const COMMON_SURNAMES: readonly string[] = [
  'Diallo',
  'Traoré',
  'Coulibaly',
  'Keïta',
  'Touré',
  'Cissé',
  'Maïga',
  'Sangaré',
  'Konaté',
  'Ouédraogo',
  'Sawadogo',
  'Compaoré',
  'Kaboré',
  'Mahamat',
  'Ag Ahmad',
  'Ould Mohamed',
  'Issoufou',
  'Abdou',
  'Sow',
  'Ba',
  'Kane',
  'Diop',
  'Ndiaye',
  'Diarra',
  'Dembélé',
  'Sidibé',
  'Haïdara',
  'Dicko',
  'Cissoko',
  'Kouyaté',
];
/** Syllables of the rarer surnames: 14^3 of them, each carried by a few hundred people at most. */
const SYLLABLES = ['ka', 'ra', 'mo', 'ba', 'ti', 'dou', 'sa', 'li', 'ko', 'né', 'ga', 'ye', 'ha', 'zi'];
const COUNTRIES = ['ML', 'NE', 'BF', 'TD', 'MR'];

const QUERY_KINDS = [
  'full name, other spelling',
  'given name alone',
  'surname alone',
  'notice id',
  'warrant reference',
] as const;
type QueryKind = (typeof QUERY_KINDS)[number];

export interface SearchFigures {
  kind: QueryKind;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Messages found per query, on average (the console asks for at most 1000). */
  meanFound: number;
}

export interface DriverSearchResult {
  driver: JournalDriver;
  messages: number;
  rows: number;
  databaseMiB: number;
  writeSeconds: number;
  byKind: SearchFigures[];
  /** Over every query of every kind. */
  overallP95Ms: number;
}

export interface SearchBenchResult {
  date: string;
  seed: number;
  targetP95Ms: number;
  drivers: DriverSearchResult[];
}

interface Person {
  given: number; // index in GIVEN_NAMES
  surname: string;
  noticeId: string;
  warrant: string;
}

/** Zipf weights (s = 1): the n-th commonest is carried by 1/n as many people as the first. */
function zipfPicker(random: SeededRandom, count: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= count; rank += 1) cumulative.push((total += 1 / rank));
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

class PeopleGenerator {
  private readonly givenRank: () => number;
  private readonly surnameRank: () => number;

  constructor(private readonly random: SeededRandom) {
    this.givenRank = zipfPicker(random, GIVEN_NAMES.length);
    this.surnameRank = zipfPicker(random, COMMON_SURNAMES.length);
  }

  person(index: number): Person {
    const random = this.random;
    const surname =
      random.next() < 0.6
        ? COMMON_SURNAMES[this.surnameRank()]
        : Array.from({ length: 3 }, () => random.pick(SYLLABLES)).join('');
    const year = 2015 + random.below(11);
    const country = random.pick(COUNTRIES);
    return {
      given: this.givenRank(),
      surname: surname[0].toUpperCase() + surname.slice(1),
      noticeId: `${year}/${String(10_000 + index).padStart(7, '0')}`,
      warrant: `${country}/PJ-${random.below(90) + 10}/${year}/${index}`,
    };
  }

  spelling(person: Person): string {
    return this.random.pick(GIVEN_NAMES[person.given]);
  }
}

function receivedEvent(messageId: string, atMs: number, person: Person, givenName: string): JournalEvent {
  const envelope = {
    id: messageId,
    type: 'person.wanted',
    payload: {
      subject: { familyName: person.surname, givenNames: givenName },
      noticeId: person.noticeId,
      warrants: [{ reference: person.warrant, charge: 'association de malfaiteurs terroriste' }],
    },
  };
  return {
    eventId: `${messageId}-received`,
    messageId,
    stage: 'received',
    app: 'pcms-adapter',
    at: new Date(atMs).toISOString(),
    details: {},
    payload: {
      contentType: 'application/json',
      base64: Buffer.from(JSON.stringify(envelope)).toString('base64'),
    },
  };
}

interface ScratchDatabase {
  location: JournalDatabaseLocation;
  sizeMiB(): Promise<number>;
  rows(): Promise<number>;
  /** What autovacuum does to a journal written over months, done at once after the bulk write. */
  settle(): Promise<void>;
  drop(): Promise<void>;
}

async function adminQuery<Row>(url: string, statement: string): Promise<Row[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function scratchDatabase(driver: JournalDriver): Promise<ScratchDatabase> {
  if (driver === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pcms-bench-search-'));
    const file = join(dir, 'journal.sqlite');
    const location: JournalDatabaseLocation = { driver, sqliteFile: file };
    return {
      location,
      sizeMiB: () => Promise.resolve(statSync(file).size / 2 ** 20),
      rows: () => countRows(location),
      settle: () => Promise.resolve(),
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `pcms_bench_search_${randomBytes(4).toString('hex')}`;
  await adminQuery(POSTGRES_ADMIN_URL, `create database ${name}`);
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  return {
    location: { driver, postgresUrl: url },
    sizeMiB: async () => {
      const [row] = await adminQuery<{ bytes: string }>(
        url,
        `select pg_total_relation_size('business_keys') as bytes`,
      );
      return Number(row.bytes) / 2 ** 20;
    },
    rows: async () => {
      const [row] = await adminQuery<{ n: string }>(url, 'select count(*) as n from business_keys');
      return Number(row.n);
    },
    // Without it the planner has no statistics and no visibility map: it reads the heap for what
    // the index alone answers (a capped count took 150 ms instead of 5).
    settle: async () => void (await adminQuery(url, 'vacuum analyze business_keys')),
    drop: async () =>
      void (await adminQuery(POSTGRES_ADMIN_URL, `drop database if exists ${name} with (force)`)),
  };
}

async function countRows(location: JournalDatabaseLocation): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(location.sqliteFile, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from business_keys').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Writes the journal's index, keeping one person in a hundred to search for afterwards. */
async function writeJournal(index: BusinessKeyIndex, messages: number, seed: number): Promise<Person[]> {
  const random = new SeededRandom(seed);
  const people = new PeopleGenerator(random);
  const kept: Person[] = [];
  const started = performance.now();
  for (let first = 0; first < messages; first += BATCH) {
    const events: JournalEvent[] = [];
    for (let i = first; i < Math.min(messages, first + BATCH); i += 1) {
      const person = people.person(i);
      if (i % 100 === 0) kept.push(person);
      events.push(
        receivedEvent(random.uuid(), FIRST_RECEIVED_MS + i * 30_000, person, people.spelling(person)),
      );
    }
    await index.indexEvents(events);
    if ((first / BATCH) % 50 === 49 || first + BATCH >= messages) {
      const done = Math.min(messages, first + BATCH);
      const seconds = (performance.now() - started) / 1000;
      say(
        `  ${done.toLocaleString('en')} / ${messages.toLocaleString('en')} messages written (${seconds.toFixed(0)} s)`,
      );
    }
  }
  return kept;
}

function queryText(kind: QueryKind, person: Person, random: SeededRandom, givenRank: () => number): string {
  switch (kind) {
    case 'full name, other spelling': {
      const spellings = GIVEN_NAMES[person.given];
      return `${spellings[random.below(spellings.length)]} ${person.surname}`;
    }
    case 'given name alone':
      return random.pick(GIVEN_NAMES[givenRank()]);
    case 'surname alone':
      return person.surname;
    case 'notice id':
      return person.noticeId;
    case 'warrant reference':
      // As an operator types it: spaces for the separators, lower case.
      return person.warrant.toLowerCase().replace(/[/-]/g, ' ');
  }
}

async function timeQueries(
  index: BusinessKeyIndex,
  people: readonly Person[],
  seed: number,
): Promise<SearchFigures[]> {
  const random = new SeededRandom(seed + 1);
  const givenRank = zipfPicker(random, GIVEN_NAMES.length);
  for (let i = 0; i < WARM_UP_QUERIES; i += 1) await index.find(random.pick(people).surname);
  const figures: SearchFigures[] = [];
  for (const kind of QUERY_KINDS) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < QUERIES_PER_KIND; i += 1) {
      const text = queryText(kind, random.pick(people), random, givenRank);
      const started = performance.now();
      const ids = await index.find(text);
      times.push(performance.now() - started);
      if (ids.length === 0)
        throw new Error(`the search "${text}" (${kind}) found nothing: the index is wrong`);
      found += ids.length;
    }
    const { count, p50Ms, p95Ms, maxMs } = summarize(times);
    figures.push({ kind, queries: count, p50Ms, p95Ms, maxMs, meanFound: Math.round(found / count) });
  }
  return figures;
}

async function benchDriver(
  driver: JournalDriver,
  messages: number,
  seed: number,
): Promise<DriverSearchResult> {
  say(`search / recherche on ${driver}: writing ${messages.toLocaleString('en')} messages…`);
  const database = await scratchDatabase(driver);
  try {
    const index = await openBusinessKeyIndex({ ...database.location, key: randomBytes(32) });
    try {
      const started = performance.now();
      const people = await writeJournal(index, messages, seed);
      const writeSeconds = (performance.now() - started) / 1000;
      await database.settle();
      say(`search / recherche on ${driver}: ${QUERY_KINDS.length} × ${QUERIES_PER_KIND} searches…`);
      const byKind = await timeQueries(index, people, seed);
      return {
        driver,
        messages,
        rows: await database.rows(),
        databaseMiB: round(await database.sizeMiB()),
        writeSeconds: round(writeSeconds),
        byKind,
        overallP95Ms: round(Math.max(...byKind.map((figures) => figures.p95Ms))),
      };
    } finally {
      await index.close();
    }
  } finally {
    await database.drop();
  }
}

export async function runBusinessKeySearchBench(messages: number, seed: number): Promise<SearchBenchResult> {
  const drivers: DriverSearchResult[] = [];
  for (const driver of ['sqlite', 'postgres'] as const)
    drivers.push(await benchDriver(driver, messages, seed));
  return { date: new Date().toISOString(), seed, targetP95Ms: TARGET_P95_MS, drivers };
}

export function renderSearch(result: SearchBenchResult): string {
  const lines = [
    `### Search by business key / recherche par clé métier (${result.date.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Target / objectif: p95 under ${result.targetP95Ms} ms over a journal of ${result.drivers[0].messages.toLocaleString('en')} messages (seed ${result.seed}).`,
    '',
  ];
  for (const d of result.drivers) {
    const verdict = d.overallP95Ms < result.targetP95Ms ? 'met / atteint' : 'NOT met / NON atteint';
    lines.push(
      `**${d.driver}**: ${d.rows.toLocaleString('en')} index rows, ${d.databaseMiB} MiB, written in ${d.writeSeconds} s; worst p95 ${d.overallP95Ms} ms (${verdict})`,
      '',
      '| search / recherche | queries | p50 | p95 | max | found (mean) |',
      '|---|---|---|---|---|---|',
      ...d.byKind.map(
        (f) =>
          `| ${f.kind} | ${f.queries} | ${f.p50Ms} ms | ${f.p95Ms} ms | ${f.maxMs} ms | ${f.meanFound} |`,
      ),
      '',
    );
  }
  return lines.join('\n');
}
