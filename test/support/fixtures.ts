// Fixture files shared by the end-to-end suites; each copy gets a fresh id unless asked otherwise.
import type { PcmsEnvelope, PersonWantedPayload } from '@pcms/envelope';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export const OUTBOUND_FIXTURE = join(
  ROOT,
  'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger',
);
export const RED_MALI_NIGER = join(ROOT, 'libs/notice/fixtures/valid/red-full-mali-niger.xml');

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The Malian national wanted by Mali and Niger, as NP-ML submits it. */
export function personWanted(
  overrides: Partial<PcmsEnvelope<PersonWantedPayload>> = {},
): PcmsEnvelope<PersonWantedPayload> {
  return {
    ...readJson<PcmsEnvelope<PersonWantedPayload>>(`${OUTBOUND_FIXTURE}.input.json`),
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
