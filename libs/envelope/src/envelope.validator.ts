import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { EnvelopeDto } from './dto/envelope.dto';
import { cutOverlongLists } from './dto/list-bounds';
import { payloadClassFor } from './dto/payload.registry';
import type { EnvelopeValidationResult, PcmsEnvelope, ValidationIssue } from './envelope.types';
import { childPath } from './issue-path';
import { copyJsonData, isRecord } from './json-data.guard';
import { cacheValidationMetadata } from './validation-metadata.cache';
import { formatValidationErrors, isStrictlyUnder, uniqueIssues } from './validation-issue.formatter';

// Every process that validates envelopes looks a class's rules up once, not once per object.
cacheValidationMetadata();

const VALIDATOR_OPTIONS: ValidatorOptions = {
  // Unknown properties are errors, not silently dropped: a typo ('birthdate') must show.
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

function validateAs(
  cls: ClassConstructor<object>,
  data: Record<string, unknown>,
  path: string,
): ValidationIssue[] {
  // Cut first: class-transformer and class-validator would walk all 10,000 items of a list of 50.
  const cutIssues: ValidationIssue[] = [];
  const bounded = cutOverlongLists(cls, data, path, cutIssues);
  const instance = plainToInstance(cls, bounded);
  return [...cutIssues, ...formatValidationErrors(validateSync(instance, VALIDATOR_OPTIONS), path)];
}

function collectIssues(input: unknown): { data: unknown; issues: ValidationIssue[] } {
  const guardIssues: ValidationIssue[] = [];
  const data = copyJsonData(input, guardIssues);
  if (!isRecord(data)) {
    return {
      data,
      issues: guardIssues.length > 0 ? guardIssues : [{ path: '', reason: 'must be a JSON object' }],
    };
  }
  const schemaIssues = validateAs(EnvelopeDto, data, '');
  const payloadClass = payloadClassFor(data.type);
  if (payloadClass !== undefined && isRecord(data.payload)) {
    schemaIssues.push(...validateAs(payloadClass, data.payload, childPath('', 'payload')));
  }
  // What the guard left out of the copy would be reported again as missing: say it once.
  const fresh = schemaIssues.filter(
    (issue) => !guardIssues.some((g) => issue.path === g.path || isStrictlyUnder(issue.path, g.path)),
  );
  return { data, issues: uniqueIssues([...guardIssues, ...fresh]) };
}

/**
 * Checks an envelope against the contract and reports every issue at once. Never throws: the
 * input comes from the network. On success the envelope is a fresh plain-data copy of the input.
 */
export function validateEnvelope(input: unknown): EnvelopeValidationResult {
  try {
    const { data, issues } = collectIssues(input);
    return issues.length === 0 ? { ok: true, envelope: data as PcmsEnvelope } : { ok: false, issues };
  } catch (error: unknown) {
    // Hostile input (a throwing getter, a Proxy) must still yield an answer, not a crash.
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, issues: [{ path: '', reason: `could not be read as JSON data (${kind})` }] };
  }
}
