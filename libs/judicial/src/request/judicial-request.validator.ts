import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import { validationIssues } from '../validation-issues';
import { JudicialRequest } from './judicial-request.dto';

export const STRICT_VALIDATION: ValidatorOptions = {
  // A misspelt field ('legalBase') must show, not be dropped: the requested side would never see it.
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

export type JudicialRequestValidation =
  { ok: true; request: JudicialRequest } | { ok: false; issues: JudicialIssue[] };

/**
 * Checks a judicial.request payload against the contract and reports every issue at once. Never
 * throws: the input comes from another state's system. The directory is not consulted here.
 */
export function validateJudicialRequest(input: unknown): JudicialRequestValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [issue('', 'must be a JSON object', 'doit être un objet JSON')] };
  }
  try {
    const request = plainToInstance(JudicialRequest, input);
    const issues = validationIssues(
      validateSync(request, STRICT_VALIDATION),
      JudicialErrorCode.RequestInvalid,
    );
    return issues.length === 0 ? { ok: true, request } : { ok: false, issues };
  } catch (error: unknown) {
    // A hostile input (a throwing getter) still gets an answer, not a crash.
    const kind = error instanceof Error ? error.name : typeof error;
    return { ok: false, issues: [issue('', `could not be read (${kind})`, `illisible (${kind})`)] };
  }
}

function issue(path: string, reason: string, raison: string): JudicialIssue {
  return { code: JudicialErrorCode.RequestInvalid, path, reason, raison };
}
