// Bytes off the judicial door to a JudicialMessage, with the gateway's limits on JSON (the bounded
// structure scan of @pcms/envelope: no nesting past maxDepth, no repeated key, which JSON.parse
// would silently resolve one way here and maybe another way at the destination), then the
// message's own fields, then its payload by type. Never throws: the bytes come from another state.
import {
  canonicalBytes,
  copyJsonData,
  findForbiddenCharacter,
  isZonedDateTime,
  scanJsonStructure,
  type ValidationIssue,
} from '@pcms/envelope';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsObject, Matches, validateSync } from 'class-validator';
import { validateJudicialContact } from '../contact/judicial-contact.dto';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import { validateJudicialStatus } from '../lifecycle/judicial-status.dto';
import { RequiredText, Satisfies } from '../request/judicial-field.decorators';
import { STRICT_VALIDATION, validateJudicialRequest } from '../request/judicial-request.validator';
import { validationIssues } from '../validation-issues';
import {
  JUDICIAL_MESSAGE_TYPES,
  type JudicialMessage,
  type JudicialMessageType,
} from '../wire/judicial-message';
import { refusal, type JudicialDoorRefusal } from './judicial-door.codes';

/** RFC 4122 §3: the canonical text of a UUID is lower case; one message, one id string. */
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

class JudicialMessageDto {
  @IsIn(JUDICIAL_MESSAGE_TYPES)
  type: JudicialMessageType;

  @Matches(LOWER_CASE_UUID, { message: 'must be a UUID in lower case (RFC 4122 §3)' })
  id: string;

  @Satisfies('isZonedDateTime', isZonedDateTime, 'must be an ISO 8601 date-time with a zone (Z or ±hh:mm)')
  sentAt: string;

  @RequiredText()
  from: string;

  @IsObject()
  payload: object;
}

export interface JudicialJsonLimits {
  /** Deepest nesting of objects and arrays (limits.maxJsonDepth). */
  maxDepth: number;
}

export type JudicialMessageReading =
  | {
      ok: true;
      message: JudicialMessage;
      /**
       * The payload as the store keeps it: its RFC 8785 canonical bytes, so that the same request
       * carried by two messages (another id, other spacing) is the same request to the store.
       */
      payloadBytes: Buffer;
    }
  | { ok: false; refusal: JudicialDoorRefusal; issues: JudicialIssue[] };

/** How many issues a reason lists before "and N more". */
const ISSUES_IN_REASON = 10;
/** Key names come from the sender: cut before they go into a reason. */
const KEY_IN_REASON = 64;

export function readJudicialMessage(bytes: Buffer, limits: JudicialJsonLimits): JudicialMessageReading {
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    return invalid('is not UTF-8 without a byte order mark', 'n’est pas de l’UTF-8 sans marque d’ordre');
  }
  const finding = scanJsonStructure(text, limits.maxDepth);
  if (finding?.kind === 'too-deep') {
    return invalid(
      `nests deeper than ${limits.maxDepth} levels at ${finding.path || '(root)'}`,
      `imbrique plus de ${limits.maxDepth} niveaux en ${finding.path || '(racine)'}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return invalid('is not well-formed JSON', 'n’est pas du JSON bien formé');
  }
  if (finding?.kind === 'duplicate-key') {
    const key = JSON.stringify(finding.key.slice(0, KEY_IN_REASON));
    return invalid(`repeats the key ${key} at ${finding.path}`, `répète la clé ${key} en ${finding.path}`);
  }
  // The envelope door's guards: no control or bidirectional-formatting character in any string
  // (raw or \u-escaped: checked on the parsed values), and plain JSON data only, a `__proto__` key
  // reported and left out before class-transformer assigns anything from it.
  const spoof = findForbiddenCharacter(parsed);
  if (spoof) {
    return invalid(
      `holds the control or bidirectional-formatting character ${spoof.character} at ${spoof.path}`,
      `contient le caractère de contrôle ou de mise en forme bidirectionnelle ${spoof.character} en ${spoof.path}`,
    );
  }
  const dataIssues: ValidationIssue[] = [];
  const data = copyJsonData(parsed, dataIssues);
  if (dataIssues.length > 0) {
    return refused(
      JudicialErrorCode.MessageInvalid,
      dataIssues.map(({ path, reason }) => ({
        code: JudicialErrorCode.MessageInvalid,
        path,
        reason,
        raison: `champ non conforme : ${reason}`,
      })),
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalid('must be a JSON object', 'doit être un objet JSON');
  }
  const envelope = plainToInstance(JudicialMessageDto, data);
  const issues = validationIssues(
    validateSync(envelope, STRICT_VALIDATION),
    JudicialErrorCode.MessageInvalid,
  );
  if (issues.length > 0) return refused(JudicialErrorCode.MessageInvalid, issues);

  const raw = (data as { payload: unknown }).payload;
  const payload = payloadOf(envelope.type, raw);
  if (!payload.ok) {
    const code = payload.issues[0]?.code ?? JudicialErrorCode.MessageInvalid;
    return refused(
      code,
      payload.issues.map((issue) => ({ ...issue, path: issue.path ? `payload.${issue.path}` : 'payload' })),
    );
  }
  const message = {
    type: envelope.type,
    id: envelope.id,
    sentAt: envelope.sentAt,
    from: envelope.from,
    payload: payload.value,
  } as JudicialMessage;
  return { ok: true, message, payloadBytes: canonicalBytes(raw) };
}

function payloadOf(
  type: JudicialMessageType,
  raw: unknown,
): { ok: true; value: JudicialMessage['payload'] } | { ok: false; issues: JudicialIssue[] } {
  switch (type) {
    case 'judicial.request': {
      const result = validateJudicialRequest(raw);
      return result.ok ? { ok: true, value: result.request } : result;
    }
    case 'judicial.status': {
      const result = validateJudicialStatus(raw);
      return result.ok ? { ok: true, value: result.status } : result;
    }
    case 'judicial.contact': {
      const result = validateJudicialContact(raw);
      return result.ok ? { ok: true, value: result.contact } : result;
    }
  }
}

/** `fatal`: an invalid sequence is refused, never replaced by U+FFFD under a signature. */
function decodeUtf8(bytes: Buffer): string | undefined {
  // RFC 8259 §8.1: JSON exchanged between systems is UTF-8 without a byte order mark.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function invalid(reason: string, raison: string): JudicialMessageReading {
  return refused(JudicialErrorCode.MessageInvalid, [
    { code: JudicialErrorCode.MessageInvalid, path: '', reason, raison },
  ]);
}

function refused(code: JudicialErrorCode, issues: JudicialIssue[]): JudicialMessageReading {
  return {
    ok: false,
    issues,
    refusal: refusal(code, 'validate', 'content', summarise(issues, 'reason'), summarise(issues, 'raison')),
  };
}

/** Paths and reasons only, never values: the reason goes to logs, dead letters and the journal. */
export function summarise(issues: readonly JudicialIssue[], language: 'reason' | 'raison'): string {
  const shown = issues
    .slice(0, ISSUES_IN_REASON)
    .map((issue) => `${issue.path || '(message)'}: ${issue[language]}`);
  const more = issues.length - shown.length;
  const tail = more > 0 ? (language === 'reason' ? `; and ${more} more` : `; et ${more} de plus`) : '';
  return shown.join('; ') + tail;
}
