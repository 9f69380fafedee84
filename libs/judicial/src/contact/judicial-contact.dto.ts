// The payload of a `judicial.contact` (JudicialContact in wire/judicial-message.ts): a direct
// contact between focal points, before or beside a formal request. Checked like the request and
// the status: every issue at once with its path, never a throw (it comes from another state).
import { isLanguageCode } from '@pcms/envelope';
import { plainToInstance } from 'class-transformer';
import { IsUUID, MaxLength, validateSync } from 'class-validator';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import { Optional, RequiredText, Satisfies } from '../request/judicial-field.decorators';
import { STRICT_VALIDATION } from '../request/judicial-request.validator';
import { validationIssues } from '../validation-issues';
import type { JudicialContact } from '../wire/judicial-message';

/** A subject line, not a letter: the text says the rest. */
export const CONTACT_SUBJECT_MAX = 200;
/** About ten pages: what does not fit goes as an attachment of a formal request. */
export const CONTACT_TEXT_MAX = 20_000;

export class JudicialContactDto implements JudicialContact {
  /** Directory id of the authority addressed. */
  @RequiredText()
  to: string;

  @RequiredText()
  @MaxLength(CONTACT_SUBJECT_MAX)
  subject: string;

  @RequiredText()
  @MaxLength(CONTACT_TEXT_MAX)
  text: string;

  @Satisfies('isLanguageCode', isLanguageCode, 'must be an ISO 639-2/B language code')
  language: string;

  @Optional()
  @IsUUID()
  relatesTo?: string;
}

export type JudicialContactValidation =
  { ok: true; contact: JudicialContact } | { ok: false; issues: JudicialIssue[] };

export function validateJudicialContact(input: unknown): JudicialContactValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        {
          code: JudicialErrorCode.ContactInvalid,
          path: '',
          reason: 'must be a JSON object',
          raison: 'doit être un objet JSON',
        },
      ],
    };
  }
  const contact = plainToInstance(JudicialContactDto, input);
  const issues = validationIssues(validateSync(contact, STRICT_VALIDATION), JudicialErrorCode.ContactInvalid);
  return issues.length === 0 ? { ok: true, contact } : { ok: false, issues };
}
