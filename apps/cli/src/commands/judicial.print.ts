// How `pcms judicial` prints a request, its history and the figures: one fact a line, English
// then French where words are needed; codes, states and dates are the same in both.
import type { Overdue, PairStats, StoredJudicialRequest } from '@pcms/judicial';
import { say } from '../cli.context';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function printRequestLine(request: StoredJudicialRequest, overdue?: Overdue): void {
  const late =
    overdue === undefined ? '' : `  OVERDUE/EN RETARD since/depuis ${overdue.dueAt} (${overdue.days} d/j)`;
  out(
    `  ${request.requestId}  ${request.kind.padEnd(23)} ${request.urgency.padEnd(9)} ${request.parties.requesting}→${request.parties.requested}  ${request.state.padEnd(18)} ${request.lastMoveAt}${late}`,
  );
}

export function printRequest(request: StoredJudicialRequest): void {
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
      `  ${receipt.at}  ${receipt.evidence.padEnd(13)} ${receipt.issuer}  ${receipt.messageId}${receipt.reason ? `  ${receipt.reason}` : ''}`,
    );
  }
  say(`Reminders (${request.reminders.length})`, `Relances (${request.reminders.length})`);
  for (const reminder of request.reminders) {
    out(`  ${reminder.firedAt}  ${reminder.state} ${reminder.days} d/j (due/dû ${reminder.dueAt})`);
  }
}

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
