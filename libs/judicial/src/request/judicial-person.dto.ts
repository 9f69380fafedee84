// A person a request names, with the part they play. The identity block is the PCMS one
// (@pcms/envelope's PersonSubjectDto) so that a sought person can be compared with a RED notice's subject.
import { PersonSubjectDto } from '@pcms/envelope';
import { IsIn, Matches } from 'class-validator';
import { PERSON_ROLES, type PersonRole } from '../judicial.constants';
import { NestedObject, Optional } from './judicial-field.decorators';

// @pcms/notice's NOTICE_ID: Interpol's 'YYYY/NNNNN' or a gateway id; the link to notices comes later.
const NOTICE_ID = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/;

export class JudicialPersonDto {
  @IsIn(PERSON_ROLES)
  role: PersonRole;

  @NestedObject(() => PersonSubjectDto)
  identity: PersonSubjectDto;

  @Optional()
  @Matches(NOTICE_ID, { message: 'must be an Interpol notice id (letters, digits, / . _ -)' })
  interpolNoticeId?: string;
}
