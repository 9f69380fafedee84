// One side of a request: its authority (an id of the judicial directory) and its own reference.
import { OptionalText, RequiredText } from './judicial-field.decorators';

export class RequestingSideDto {
  @RequiredText()
  authority: string;

  @RequiredText()
  reference: string;
}

export class RequestedSideDto {
  @RequiredText()
  authority: string;

  /** The requested side numbers a request when it registers it: unknown when the request is written. */
  @OptionalText()
  reference?: string;
}
