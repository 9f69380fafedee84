import { Catch } from '@nestjs/common';
import { JsonDoorExceptionFilter } from '@pcms/runtime';

/** The judicial door answers every error as `{ code, reason }`; an outage as 503 with Retry-After. */
@Catch()
export class JudicialDoorExceptionFilter extends JsonDoorExceptionFilter {}
