import { Catch } from '@nestjs/common';
import { JsonDoorExceptionFilter } from '@pcms/runtime';

/** The peer's door answers every error as `{ code, reason }` (see JsonDoorExceptionFilter). */
@Catch()
export class PeerDoorExceptionFilter extends JsonDoorExceptionFilter {}
