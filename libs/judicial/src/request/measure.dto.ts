// What the requested side is asked to do and how: the manner matters because evidence gathered
// the wrong way may be inadmissible in the requesting state (UNTOC art. 18(17)).
import { OptionalText, RequiredText } from './judicial-field.decorators';

export class MeasureDto {
  /** e.g. hearing of a witness, search and seizure, bank records, freezing of assets. */
  @RequiredText()
  description: string;

  /** Formalities, presence of the requesting state's officials, confidentiality. */
  @OptionalText()
  manner?: string;
}
