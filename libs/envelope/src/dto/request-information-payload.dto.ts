// class-validator mirror of RequestInformationPayload (docs/architecture.md): request.information ⇄
// DIFFUSION (REQUEST). The reply comes back as response.information with inReplyTo = this id.
import { IsIn } from 'class-validator';
import { URGENCIES, type Urgency } from '../envelope.constants';
import { PersonSubjectDto } from './person-subject.dto';
import { NestedObject, OptionalNestedObject, RequiredText, TEXT } from './field.decorators';
import { Optional } from './pcms-constraints.validators';

export class InformationRequestDto {
  @RequiredText(TEXT.subjectLine)
  subjectLine: string;

  @RequiredText(TEXT.diffusionText)
  text: string;

  @Optional()
  @IsIn(URGENCIES)
  urgency?: Urgency;
}

export class RequestInformationPayloadDto {
  @NestedObject(() => InformationRequestDto)
  request: InformationRequestDto;

  @OptionalNestedObject(() => PersonSubjectDto)
  subject?: PersonSubjectDto;
}
