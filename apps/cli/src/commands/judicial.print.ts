// How `pcms judicial` prints a request, its history and the figures: one fact a line, English
// then French where words are needed; codes, states and dates are the same in both.
import {
  owedBy,
  type NoticeStanding,
  type Overdue,
  type PairStats,
  type StoredJudicialRequest,
} from '@pcms/judicial';
import { say } from '../cli.context';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function printRequestLine(request: StoredJudicialRequest, overdue?: Overdue): void {
  const late =
    overdue === undefined ? '' : `  OVERDUE/EN RETARD since/depuis ${overdue.dueAt} (${overdue.days} d/j)`;
  // The reminder of this quiet spell, once the clock (or `judicial remind`) fired it.
  const reminded = request.reminders.find((reminder) => reminder.armedOn === request.history.length);
  const remindedAt =
    overdue === undefined || reminded === undefined ? '' : `  reminded/relancée ${reminded.firedAt}`;
  out(
    `  ${request.requestId}  ${request.kind.padEnd(23)} ${request.urgency.padEnd(9)} ${request.parties.requesting}→${request.parties.requested}  ${request.state.padEnd(18)} ${request.lastMoveAt}${late}${remindedAt}`,
  );
}

export function printRequest(request: StoredJudicialRequest, notices: readonly NoticeStanding[] = []): void {
  say(
    `Request ${request.requestId}: ${request.kind}, ${request.urgency}, now ${request.state}`,
    `Demande ${request.requestId} : ${request.kind}, ${request.urgency}, actuellement ${request.state}`,
  );
  out(
    `  requesting / requérant: ${request.authorities.requesting} (${request.parties.requesting}) ${request.requestingReference}`,
  );
  out(`  requested / requis:     ${request.authorities.requested} (${request.parties.requested})`);
  out(`  stored / enregistrée:   ${request.storedAt}  sha256 ${request.payloadSha256}`);
  say(`History (${request.history.length} moves)`, `Historique (${request.history.length} mouvements)`);
  for (const change of request.history) {
    out(`  ${change.at}  ${change.from} → ${change.to}  by/par ${change.authority} (${change.party})`);
    if (change.reason !== undefined) out(`      ${change.reason}`);
    if (change.grounds !== undefined)
      out(`      grounds/motifs: ${change.grounds.ground}: ${change.grounds.text}`);
  }
  say(`Transport receipts (${request.receipts.length})`, `Accusés de transport (${request.receipts.length})`);
  for (const receipt of request.receipts) {
    out(
      `  ${receipt.at}  ${receipt.evidence.padEnd(13)} ${receipt.issuer.padEnd(13)} ${receipt.messageId}${receipt.reason ? `  ${receipt.reason}` : ''}`,
    );
  }
  say(`Reminders (${request.reminders.length})`, `Relances (${request.reminders.length})`);
  for (const reminder of request.reminders) {
    // Who was reminded: the side whose move carries the request on from that state.
    const party = owedBy(request.kind, reminder.state);
    out(
      `  ${reminder.firedAt}  ${reminder.state} ${reminder.days} d/j (due/dû ${reminder.dueAt})  reminded/relancé ${request.authorities[party]} (${party})`,
    );
  }
  if (request.noticeLinks.length > 0) printNotices(request, notices);
}

/** What the gateway knows of each Interpol notice the request is linked to. */
function printNotices(request: StoredJudicialRequest, notices: readonly NoticeStanding[]): void {
  say(`Linked Interpol notices (${notices.length})`, `Notices Interpol liées (${notices.length})`);
  for (const notice of notices) {
    out(`  ${notice.noticeId}  ${notice.role}  linked/liée ${notice.linkedAt}`);
    const [english, french] = NOTICE_STATUS[notice.status];
    const when = notice.deliveredToInterpolAt === undefined ? '' : ` ${notice.deliveredToInterpolAt}`;
    out(`    ${notice.status}: ${english} / ${french}${when}`);
    if (notice.sender !== undefined) {
      const last =
        notice.lastStage === undefined
          ? ''
          : `; last stage/dernière étape ${notice.lastStage} ${notice.lastAt}`;
      out(`    ${notice.type ?? '-'} from/de ${notice.sender}${last}`);
    }
    if (notice.arrested !== undefined) {
      const { at, state, authority, requestId } = notice.arrested;
      out(
        `    SUBJECT ARRESTED / PERSONNE ARRÊTÉE ${at}: ${state} by/par ${authority}${elsewhere(request, requestId)}`,
      );
    }
    if (notice.surrendered !== undefined) {
      const { at, authority, requestId } = notice.surrendered;
      out(`    SURRENDERED / REMISE ${at} by/par ${authority}${elsewhere(request, requestId)}`);
    }
    const others = notice.linkedRequests.filter((id) => id !== request.requestId);
    if (others.length > 0) out(`    also linked / aussi liée à: ${others.join(', ')}`);
    say(
      `    cancellation: the I-24/7 exchange carries none; the notice's trace: pcms trace ${notice.noticeId}`,
      `    annulation : l’échange I-24/7 n’en transmet pas ; la trace de la notice : pcms trace ${notice.noticeId}`,
    );
  }
}

const elsewhere = (request: StoredJudicialRequest, requestId: string): string =>
  requestId === request.requestId ? '' : ` (request/demande ${requestId})`;

const NOTICE_STATUS: Record<NoticeStanding['status'], [string, string]> = {
  'not-seen': [
    'no message of that id crossed the gateway',
    'aucun message de cet identifiant n’est passé par la passerelle',
  ],
  issued: ['delivered to INTERPOL by the gateway', 'livrée à INTERPOL par la passerelle'],
  received: ['received from INTERPOL', 'reçue d’INTERPOL'],
  'in-progress': ['on its way (held or being delivered)', 'en cours (retenue ou en livraison)'],
  'not-issued': [
    'refused or dead-lettered: it did not go out',
    'refusée ou en quarantaine : elle n’est pas partie',
  ],
};

const days = (value: number | null): string => (value === null ? '-' : String(value));

export function printPairStats(pair: PairStats): void {
  const states = Object.entries(pair.byState)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  const refusals = Object.entries(pair.refusalsByGround)
    .filter(([, count]) => count > 0)
    .map(([ground, count]) => `${ground} ${count}`)
    .join(', ');
  out(`${pair.requesting} → ${pair.requested}: ${pair.total}  (${states})`);
  say(
    `  median days to acknowledge ${days(pair.medianDaysToAcknowledge)} (of ${pair.acknowledged}), to execute ${days(pair.medianDaysToExecute)} (of ${pair.executed})`,
    `  délai médian d’accusé ${days(pair.medianDaysToAcknowledge)} j (sur ${pair.acknowledged}), d’exécution ${days(pair.medianDaysToExecute)} j (sur ${pair.executed})`,
  );
  if (refusals !== '') out(`  refusals by ground / refus par motif: ${refusals}`);
}
