// class-validator mirror of ResponseInformationPayload (docs/architecture.md): response.information
// ⇄ DIFFUSION (RESPONSE). That the envelope names the request it answers (inReplyTo) is an
// envelope rule: see EnvelopeDto.
import { IsBoolean } from 'class-validator';
import { PersonSubjectDto } from './person-subject.dto';
import { NestedObject, OptionalNestedObject, RequiredText, TEXT } from './field.decorators';
import { Optional } from './pcms-constraints.validators';

export class InformationResponseDto {
  @RequiredText(TEXT.subjectLine)
  subjectLine: string;

  @RequiredText(TEXT.diffusionText)
  text: string;

  /** Whether the person or thing asked about was found; absent when the answer does not say. */
  @Optional()
  @IsBoolean()
  found?: boolean;
}

export class ResponseInformationPayloadDto {
  @NestedObject(() => InformationResponseDto)
  response: InformationResponseDto;

  @OptionalNestedObject(() => PersonSubjectDto)
  subject?: PersonSubjectDto;
}
