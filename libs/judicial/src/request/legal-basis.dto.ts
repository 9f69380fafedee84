// What a request rests on. Without one the requested state has nothing to act under, so at least
// one is required; each variant carries what identifies it and nothing of the others.
import { IsIn, IsNotEmpty, IsString } from 'class-validator';
import {
  LEGAL_BASIS_KINDS,
  UNTOC_ARTICLES,
  type LegalBasisKind,
  type UntocArticle,
} from '../judicial.constants';
import { AbsentWhen, OptionalText, OptionalUnless } from './judicial-field.decorators';

const is =
  (kind: LegalBasisKind) =>
  (basis: Record<string, unknown>): boolean =>
    basis.kind === kind;
const isNot =
  (kind: LegalBasisKind) =>
  (basis: Record<string, unknown>): boolean =>
    basis.kind !== kind;

export class LegalBasisDto {
  @IsIn(LEGAL_BASIS_KINDS)
  kind: LegalBasisKind;

  /** A treaty id of the directory (`treaties[].id`); the directory step checks it is in force between the two states. */
  @OptionalUnless(is('treaty'), 'is required when kind is treaty')
  @AbsentWhen(isNot('treaty'), 'is only for kind treaty')
  @IsString()
  @IsNotEmpty()
  treaty?: string;

  @OptionalUnless(
    is('untoc'),
    'is required when kind is untoc (16: extradition, 18: mutual legal assistance)',
  )
  @AbsentWhen(isNot('untoc'), 'is only for kind untoc')
  @IsIn(UNTOC_ARTICLES)
  article?: UntocArticle;

  /** Reciprocity is an undertaking of the requesting state, in its words. */
  @OptionalUnless(is('reciprocity'), 'is required when kind is reciprocity (the undertaking given)')
  @AbsentWhen(isNot('reciprocity'), 'is only for kind reciprocity')
  @IsString()
  @IsNotEmpty()
  undertaking?: string;

  /** The articles of the instrument relied on, as the requester cites them. */
  @OptionalText()
  provisions?: string;
}
