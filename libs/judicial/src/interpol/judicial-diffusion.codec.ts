// The INTERPOL channel (UNTOC art. 18(13)): a judicial request sent as an I-24/7-like DIFFUSION of
// kind REQUEST. The DIFFUSION is the one the gateway already writes for a PCMS request.information
// (mappings/request-information-to-diffusion): the same mapping, so the same notice schema, the
// same subject rules and the same peer. Pure: the caller loads the mappings and signs the XML.
import type { Translator } from '@pcms/translation';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { RequestKind } from '../judicial.constants';
import type { JudicialPersonDto } from '../request/judicial-person.dto';
import type { JudicialRequestMessage } from '../wire/judicial-message';

/** The mapping that writes the DIFFUSION (its id and version are journaled with the delivery). */
export const JUDICIAL_DIFFUSION_MAPPING = 'request-information-to-diffusion';

/** NOTICE_TEXT_LIMITS.subjectLine and .diffusionText: longer text is cut, never refused. */
const SUBJECT_LINE_MAX = 200;
const TEXT_MAX = 8000;

const KIND_WORDS: Record<RequestKind, string> = {
  mla: 'Demande d’entraide judiciaire / Mutual legal assistance request',
  extradition: 'Demande d’extradition / Extradition request',
  'provisional-arrest': 'Demande d’arrestation provisoire / Provisional arrest request',
  'transfer-of-proceedings': 'Demande de transfert des poursuites / Transfer of proceedings',
  supplementary: 'Demande complémentaire / Supplementary request',
};

export interface JudicialDiffusion {
  /** The DIFFUSION, UTF-8 XML valid against the notice schema; its NoticeID is the message id. */
  noticeXml: string;
  mapping: { id: string; version: string };
}

export function judicialRequestToDiffusion(
  message: JudicialRequestMessage,
  directory: JudicialDirectory,
  translator: Translator,
): JudicialDiffusion {
  const request = message.payload;
  const person = subjectOf(request.persons);
  // The envelope the mapping reads: only the fields it maps. The notice id is the judicial
  // message's id, so the I-24/7 delivery is journaled on the message's own trace.
  const envelope = {
    id: message.id,
    version: '1.0',
    type: 'request.information',
    classification: 'RESTRICTED',
    createdAt: message.sentAt,
    payload: {
      request: {
        subjectLine: cut(subjectLine(message, directory), SUBJECT_LINE_MAX),
        text: cut(bodyText(message, directory), TEXT_MAX),
        urgency: request.urgency.level === 'routine' ? 'routine' : 'urgent',
      },
      ...(person ? { subject: person.identity } : {}),
    },
  };
  const result = translator.translate({
    from: 'pcms-envelope',
    to: 'i247-notice',
    mappingId: JUDICIAL_DIFFUSION_MAPPING,
    input: Buffer.from(JSON.stringify(envelope), 'utf8'),
    parsed: envelope,
  });
  return { noticeXml: result.output.toString('utf8'), mapping: result.mapping };
}

/** The person the DIFFUSION is about: the one sought, else the first suspect; none for the rest. */
function subjectOf(persons: readonly JudicialPersonDto[]): JudicialPersonDto | undefined {
  return persons.find((p) => p.role === 'sought') ?? persons.find((p) => p.role === 'suspect');
}

function subjectLine(message: JudicialRequestMessage, directory: JudicialDirectory): string {
  const { kind, requesting, requested } = message.payload;
  const from = directory.stateOf(requesting.authority) ?? requesting.authority;
  const to = directory.stateOf(requested.authority) ?? requested.authority;
  return `${KIND_WORDS[kind]} ${from} → ${to} (${requesting.reference})`;
}

function bodyText(message: JudicialRequestMessage, directory: JudicialDirectory): string {
  const request = message.payload;
  const authority = (id: string): string => {
    const entry = directory.authority(id);
    return entry ? `${entry.name.fr} / ${entry.name.en} (${id})` : id;
  };
  const lines = [
    `Demande ${request.requestId} / Request ${request.requestId}`,
    `Autorité requérante / Requesting authority: ${authority(request.requesting.authority)}, réf. ${request.requesting.reference}`,
    `Autorité requise / Requested authority: ${authority(request.requested.authority)}${request.requested.reference ? `, réf. ${request.requested.reference}` : ''}`,
    `Base légale / Legal basis: ${request.legalBasis.map(legalBasisWords).join('; ')}`,
    `Urgence / Urgency: ${request.urgency.level}${request.urgency.reason ? ` (${request.urgency.reason})` : ''}`,
    ...(request.neededBy
      ? [`À exécuter avant le / Needed by: ${request.neededBy.date} (${request.neededBy.reason})`]
      : []),
    `Faits / Facts: ${request.facts.summary}`,
    'Infractions / Offences:',
    ...request.offences.map(
      (offence) =>
        `- ${offence.qualification} (${offence.provision}); peine maximale / maximum penalty: ${offence.maximumPenalty.text}`,
    ),
    'Mesures demandées / Measures requested:',
    ...request.measures.map(
      (measure) => `- ${measure.description}${measure.manner ? ` (${measure.manner})` : ''}`,
    ),
    ...request.persons
      .filter((person) => person.interpolNoticeId)
      .map((person) => `Notice Interpol / Interpol notice: ${person.interpolNoticeId} (${person.role})`),
    // The request's life (statuses, deadlines) is followed on the judicial network, not here.
    'Suivi sur le réseau judiciaire / Followed on the judicial network: statuses to the gateway, request id above.',
  ];
  return lines.join('\n');
}

function legalBasisWords(basis: JudicialRequestMessage['payload']['legalBasis'][number]): string {
  switch (basis.kind) {
    case 'treaty':
      return `treaty ${basis.treaty ?? '?'}${basis.provisions ? ` ${basis.provisions}` : ''}`;
    case 'untoc':
      return `UNTOC art. ${basis.article ?? '?'}`;
    case 'reciprocity':
      return `reciprocity / réciprocité${basis.undertaking ? `: ${basis.undertaking}` : ''}`;
  }
}

/** Cut at `max` characters (code points), ending with an ellipsis, so a long request still travels. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
