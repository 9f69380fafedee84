// An offence as the requested state must judge it (dual criminality, extradition thresholds): the
// qualification, the text of the provision itself rather than a bare article number, the penalty.
import { IsInt, IsPositive, Max } from 'class-validator';
import { NestedObject, Optional, OptionalText, RequiredText } from './judicial-field.decorators';

export class MaximumPenaltyDto {
  /** As the law says it ("réclusion criminelle à perpétuité", "10 years' imprisonment"). */
  @RequiredText()
  text: string;

  /** In years when the law fixes a term: extradition treaties set thresholds in years (often 1 or 2). */
  @Optional()
  @IsInt()
  @IsPositive()
  @Max(100)
  years?: number;
}

export class OffenceDto {
  @RequiredText()
  qualification: string;

  /** The law and article ("Code pénal du Mali, art. 28"). */
  @RequiredText()
  provision: string;

  /** The wording of the provision, so that the requested side need not find the law. */
  @RequiredText()
  provisionText: string;

  @NestedObject(() => MaximumPenaltyDto)
  maximumPenalty: MaximumPenaltyDto;

  @OptionalText()
  dateOfOffence?: string;
}
