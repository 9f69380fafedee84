// Why a request is urgent and by when it is needed: both are judged by the requested side, so
// both must be said, not implied.
import { IsIn } from 'class-validator';
import { REQUEST_URGENCIES, type RequestUrgency } from '../judicial.constants';
import { RequiredText, OptionalUnless, Satisfies } from './judicial-field.decorators';
import { isFullDate } from './judicial-predicates';

export class UrgencyDto {
  @IsIn(REQUEST_URGENCIES)
  level: RequestUrgency;

  @OptionalUnless(
    (urgency) => urgency.level !== undefined && urgency.level !== 'routine',
    'is required when the level is not routine',
  )
  @RequiredText()
  reason?: string;
}

export class NeededByDto {
  @Satisfies('isFullDate', isFullDate, "must be a real date as 'YYYY-MM-DD'")
  date: string;

  /** A hearing date, a detention limit, a statute of limitations. */
  @RequiredText()
  reason: string;
}
