// The wire shape of a `judicial.status`, checked before the transitions table is consulted: a
// malformed status is refused as JUDICIAL_STATUS_INVALID, never judged as a move.
import { isZonedDateTime } from '@pcms/envelope';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsUUID, validateSync } from 'class-validator';
import { REFUSAL_GROUNDS, type RefusalGround } from '../judicial.constants';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import {
  OptionalNestedObject,
  OptionalText,
  RequiredText,
  Satisfies,
} from '../request/judicial-field.decorators';
import { STRICT_VALIDATION } from '../request/judicial-request.validator';
import { validationIssues } from '../validation-issues';
import { JUDICIAL_STATES, type JudicialState } from './judicial-states';
import type { JudicialStatus } from './judicial-status';

export class RefusalGroundsDto {
  @IsIn(REFUSAL_GROUNDS)
  ground: RefusalGround;

  @RequiredText()
  text: string;
}

export class JudicialStatusDto {
  @IsUUID()
  requestId: string;

  @IsIn(JUDICIAL_STATES)
  status: JudicialState;

  @RequiredText()
  authority: string;

  @Satisfies('isZonedDateTime', isZonedDateTime, 'must be an ISO 8601 date-time with a zone (Z or ±hh:mm)')
  at: string;

  @OptionalText()
  reason?: string;

  @OptionalNestedObject(() => RefusalGroundsDto)
  grounds?: RefusalGroundsDto;
}

export function validateJudicialStatus(
  input: unknown,
): { ok: true; status: JudicialStatus } | { ok: false; issues: JudicialIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const reason = 'must be a JSON object';
    return {
      ok: false,
      issues: [
        { code: JudicialErrorCode.StatusInvalid, path: '', reason, raison: 'doit être un objet JSON' },
      ],
    };
  }
  const status = plainToInstance(JudicialStatusDto, input);
  const issues = validationIssues(validateSync(status, STRICT_VALIDATION), JudicialErrorCode.StatusInvalid);
  return issues.length === 0 ? { ok: true, status } : { ok: false, issues };
}
