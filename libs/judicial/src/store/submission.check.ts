// A request's bytes before they are stored: JSON, the contract, then the directory. Each step's
// refusal keeps its own code so that the quarantine says which one failed.
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import type { JudicialRequest } from '../request/judicial-request.dto';
import { checkRequestAgainstDirectory } from '../request/request-directory.check';
import { validateJudicialRequest } from '../request/judicial-request.validator';

export type SubmissionCheck =
  { ok: true; request: JudicialRequest } | { ok: false; code: JudicialErrorCode; issues: JudicialIssue[] };

export function checkSubmission(bytes: Buffer, directory: JudicialDirectory): SubmissionCheck {
  let input: unknown;
  try {
    input = JSON.parse(bytes.toString('utf8'));
  } catch {
    const issue: JudicialIssue = {
      code: JudicialErrorCode.RequestInvalid,
      path: '',
      reason: 'is not JSON',
      raison: 'n’est pas du JSON',
    };
    return { ok: false, code: issue.code, issues: [issue] };
  }
  const validation = validateJudicialRequest(input);
  if (!validation.ok) return { ok: false, code: JudicialErrorCode.RequestInvalid, issues: validation.issues };
  const issues = checkRequestAgainstDirectory(validation.request, directory);
  if (issues.length > 0) return { ok: false, code: issues[0].code, issues };
  return { ok: true, request: validation.request };
}
