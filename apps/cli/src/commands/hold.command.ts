import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  HOLD_STATUSES,
  HoldDesk,
  HoldsError,
  bindingOf,
  holdDecisionVerifier,
  holdRejectionEvent,
  HoldsErrorCode,
  holdStatementOfToken,
  holdStoreFromConfig,
  readOperatorCredential,
  signHoldStatement,
  type Hold,
  type HoldDecisionKind,
  type HoldStatus,
  type HoldStore,
} from '@pcms/holds';
import { JournalEmitter } from '@pcms/journal-emitter';
import { PkiStore, type SignatureVerifier } from '@pcms/trust';
import { counted, say, type CliContext } from '../cli.context';

/** The app name the journal records for what an operator does from the command line. */
const CLI_APP = 'pcms-cli';

interface DecideOptions {
  operator: string;
  key?: string;
  reason?: string;
  json?: boolean;
}

/** `hold list|show|approve|reject`: messages waiting for operators (four eyes), as they handle them. */
export function registerHoldCommands(program: Command, context: CliContext): void {
  const hold = program
    .command('hold')
    .description(
      'messages held for operators (four eyes): list, show, approve, reject, sign\nmessages retenus pour les opérateurs (quatre yeux) : lister, voir, approuver, refuser, signer',
    );

  hold
    .command('list')
    .description(
      'holds, newest first: id, message, status, approvals, expiry\nretenues, les plus récentes d’abord',
    )
    .addOption(
      new Option('--status <status>', 'only this status / seulement ce statut').choices(HOLD_STATUSES),
    )
    .option('--limit <n>', 'at most this many / au plus ce nombre', positiveInteger, 50)
    .option('--json', 'machine-readable output / sortie JSON')
    .action((options: { status?: HoldStatus; limit: number; json?: boolean }) =>
      withStore(context, options.json, async (store) => {
        const holds = await store.list({ status: options.status, limit: options.limit });
        if (options.json) return print(holds.map(withoutProof));
        say(counted(holds.length, 'hold', 'holds'), counted(holds.length, 'retenue', 'retenues'));
        for (const h of holds) {
          process.stdout.write(
            `  ${h.id}  ${h.messageId}  ${h.status.padEnd(10)} ${approvalsOf(h)}/${h.approvalsRequired}  expires ${h.expiresAt}  ${h.rule}\n`,
          );
        }
      }),
    );

  hold
    .command('show')
    .description(
      'one hold: why it is held (rule, reason), who decided, when it expires\nune retenue : pourquoi (règle, raison), qui a décidé, quand elle expire',
    )
    .argument('<id>', 'hold id or message id / identifiant de la retenue ou du message')
    .option('--json', 'machine-readable output / sortie JSON')
    .action((id: string, options: { json?: boolean }) =>
      withStore(context, options.json, async (store) => {
        const found = await store.find(id);
        if (!found) throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${id}`, { holdId: id });
        if (options.json) return print(withoutProof(found));
        printHold(found);
      }),
    );

  for (const decision of ['approve', 'reject'] as const) {
    const command = hold
      .command(decision)
      .description(
        decision === 'approve'
          ? 'approves a hold, signed with your operator certificate; released once enough different operators approved\napprouve une retenue, signée par votre certificat d’opérateur ; libérée quand assez d’opérateurs différents ont approuvé'
          : 'refuses a hold, signed with your operator certificate; the message never leaves, the reason is journaled\nrefuse une retenue, signée par votre certificat d’opérateur ; le message ne part pas, la raison est journalisée',
      )
      .argument('<id>', 'hold id or message id / identifiant de la retenue ou du message')
      .requiredOption(
        '--operator <path>',
        'your certificate (its .key beside it) or a folder holding both / votre certificat (sa .key à côté) ou un dossier les contenant',
      )
      .option(
        '--key <file>',
        'your private key, when not beside the certificate / votre clé privée, si elle n’est pas à côté',
      )
      .option('--json', 'machine-readable output / sortie JSON');
    if (decision === 'reject')
      command.requiredOption('--reason <text>', 'why, journaled / pourquoi, journalisé');
    else command.option('--reason <text>', 'a note, journaled / une note, journalisée');
    command.action((id: string, options: DecideOptions) =>
      withStore(context, options.json, (store) => decide(context, store, id, decision, options)),
    );
  }
  registerSignCommand(hold);
}

/**
 * `hold sign <statement>`: signs a decision the console shows (its statement token) with the
 * operator's own key, on the operator's machine, with no database: prints what is signed on stderr
 * and the signature on stdout, to paste back into the console, which verifies it as `approve` does.
 */
function registerSignCommand(hold: Command): void {
  hold
    .command('sign')
    .description(
      'signs a decision shown by the console with your operator certificate; paste the signature back\nsigne une décision affichée par la console avec votre certificat d’opérateur ; recollez la signature',
    )
    .argument('<statement>', 'the statement the console shows / la déclaration affichée par la console')
    .requiredOption(
      '--operator <path>',
      'your certificate (its .key beside it) or a folder holding both / votre certificat (sa .key à côté) ou un dossier les contenant',
    )
    .option('--key <file>', 'your private key, when not beside the certificate / votre clé privée')
    .option('--json', 'machine-readable output: the statement and the signature / sortie JSON')
    .action((token: string, options: { operator: string; key?: string; json?: boolean }) => {
      try {
        const statement = holdStatementOfToken(token);
        const signed = signHoldStatement(readOperatorCredential(options.operator, options.key), statement);
        if (options.json) return print({ statement, signature: signed.signature });
        process.stderr.write(
          `${statement.decision} hold ${statement.holdId} (message ${statement.messageId}, sha256 ${statement.messageSha256}, rule ${statement.rule}, ${statement.approvalsRequired} approval(s) required)${statement.reason ? `: ${statement.reason}` : ''}\n` +
            'EN: paste the signature below into the console / FR : collez la signature ci-dessous dans la console\n',
        );
        process.stdout.write(`${signed.signature}\n`);
      } catch (error: unknown) {
        if (!(error instanceof HoldsError)) throw error;
        process.exitCode = 1;
        if (options.json) return print({ error: error.code, message: error.message, detail: error.detail });
        const [english, french] = hintOf(error.code);
        process.stderr.write(`${error.code}: ${error.message}\n  EN: ${english}\n  FR: ${french}\n`);
      }
    });
}

/** Waiting and expired counts for `status`; null when the journal's database cannot be opened. */
export async function holdCounts(context: CliContext): Promise<Record<HoldStatus, number> | null> {
  try {
    const store = await holdStoreFromConfig(context.config);
    try {
      return await store.counts();
    } finally {
      await store.close();
    }
  } catch {
    return null;
  }
}

export function printHoldCounts(counts: Record<HoldStatus, number> | null): void {
  if (!counts) {
    say('Holds: the journal database cannot be opened', 'Retenues : base du journal inaccessible');
    return;
  }
  say(
    `Holds: ${counts.waiting} waiting for operators, ${counts.expired} expired, ${counts.unverified} not forwarded (approvals did not verify) (hold list)`,
    `Retenues : ${counts.waiting} en attente d’opérateurs, ${counts.expired} expirées, ${counts.unverified} non transmises (approbations invalides) (hold list)`,
  );
}

async function decide(
  context: CliContext,
  store: HoldStore,
  id: string,
  decision: HoldDecisionKind,
  options: DecideOptions,
): Promise<void> {
  const hold = await store.find(id);
  if (!hold) throw new HoldsError(HoldsErrorCode.NotFound, `no hold ${id}`, { holdId: id });
  const credential = readOperatorCredential(options.operator, options.key);
  // The operator signs what they decide on: this message (id and digest), this rule, this count.
  const signed = signHoldStatement(credential, {
    ...bindingOf(hold),
    decision,
    reason: options.reason?.trim() || null,
    at: new Date().toISOString(),
  });
  const result = await new HoldDesk(store, verifierOf(context)).decide(hold.id, signed);
  const operator = result.hold.decisions[result.hold.decisions.length - 1]?.operatorId;
  if (result.outcome === 'rejected') {
    // The router never sees a refusal: the journal hears it from here.
    const { amqp, topology } = await context.broker();
    await new JournalEmitter(amqp, topology, CLI_APP).emit(
      holdRejectionEvent(hold, operator, options.reason),
    );
  }
  if (options.json) return print({ outcome: result.outcome, operator, hold: withoutProof(result.hold) });
  const count = `${approvalsOf(result.hold)}/${result.hold.approvalsRequired}`;
  switch (result.outcome) {
    case 'recorded':
      say(
        `Approval by ${operator} recorded (${count}); another operator must approve`,
        `Approbation de ${operator} enregistrée (${count}) ; un autre opérateur doit approuver`,
      );
      return;
    case 'released':
      say(
        `Released by ${count} operators; the router sends it within seconds`,
        `Libéré par ${count} opérateurs ; le routeur l’envoie sous quelques secondes`,
      );
      return;
    case 'rejected':
      say(
        `Rejected by ${operator}: ${options.reason ?? ''}`,
        `Refusé par ${operator} : ${options.reason ?? ''}`,
      );
      return;
  }
}

/** The deployment's CA and its published revocation list (the console decides with the same). */
function verifierOf(context: CliContext): SignatureVerifier {
  return holdDecisionVerifier(PkiStore.open(context.config.paths.pki));
}

async function withStore(
  context: CliContext,
  json: boolean | undefined,
  use: (store: HoldStore) => Promise<void>,
): Promise<void> {
  const store = await holdStoreFromConfig(context.config);
  try {
    await use(store);
  } catch (error: unknown) {
    if (!(error instanceof HoldsError)) throw error;
    process.exitCode = 1;
    if (json) return print({ error: error.code, message: error.message, detail: error.detail });
    const [english, french] = hintOf(error.code);
    process.stderr.write(`${error.code}: ${error.message}\n  EN: ${english}\n  FR: ${french}\n`);
  } finally {
    await store.close();
  }
}

function hintOf(code: HoldsErrorCode): [string, string] {
  switch (code) {
    case HoldsErrorCode.NotFound:
      return ['see the holds with: pcms hold list', 'voyez les retenues : pcms hold list'];
    case HoldsErrorCode.NotWaiting:
    case HoldsErrorCode.Expired:
      return [
        'nothing left to decide: see it with hold show <id>',
        'plus rien à décider : voyez-la avec hold show <id>',
      ];
    case HoldsErrorCode.OperatorAlreadyDecided:
      return ['four eyes: another operator must decide', 'quatre yeux : un autre opérateur doit décider'];
    case HoldsErrorCode.NotAnOperator:
      return [
        'sign with an operator certificate: pki issue <you> --role operator',
        'signez avec un certificat d’opérateur : pki issue <vous> --role operator',
      ];
    case HoldsErrorCode.SignatureRefused:
      return [
        'your certificate is not trusted, expired or revoked: ask the PKI operator for a new one',
        'votre certificat n’est pas reconnu, a expiré ou est révoqué : demandez-en un nouveau',
      ];
    case HoldsErrorCode.StatementInvalid:
      return ['a refusal needs --reason "<why>"', 'un refus demande --reason "<pourquoi>"'];
    case HoldsErrorCode.CredentialInvalid:
      return [
        'give --operator <you>.crt with <you>.key beside it, or --key <file>',
        'donnez --operator <vous>.crt avec <vous>.key à côté, ou --key <fichier>',
      ];
    case HoldsErrorCode.ApprovalsUnverified:
    case HoldsErrorCode.BodyUnreadable:
      return [
        'the router refused to forward it; see why with trace <messageId>, then ask the sender to send again',
        'le routeur a refusé de la transmettre ; voyez pourquoi avec trace <messageId>, puis demandez un nouvel envoi',
      ];
    case HoldsErrorCode.ConfigInvalid:
    case HoldsErrorCode.MigrationFailed:
      return [
        'check journal.* in the profile (config/README.md)',
        'vérifiez journal.* dans le profil (config/README.md)',
      ];
  }
}

function printHold(h: Hold): void {
  say(
    `Hold ${h.id} of message ${h.messageId}: ${h.status}`,
    `Retenue ${h.id} du message ${h.messageId} : ${h.status}`,
  );
  process.stdout.write(
    `  ${h.type} from ${h.sender} (${h.classification}) to ${h.destination}\n` +
      `  rule ${h.rule}: ${h.reason}\n` +
      `  approvals ${approvalsOf(h)}/${h.approvalsRequired}, created ${h.createdAt}, expires ${h.expiresAt}\n` +
      (h.decidedAt ? `  decided ${h.decidedAt}${h.forwardedAt ? `, sent ${h.forwardedAt}` : ''}\n` : ''),
  );
  for (const d of h.decisions) {
    process.stdout.write(
      `  ${d.at}  ${d.decision.padEnd(7)} ${d.operatorId} (certificate ${d.certificateFingerprint.slice(0, 16)}…)${d.reason ? `: ${d.reason}` : ''}\n`,
    );
  }
}

function approvalsOf(h: Hold): number {
  return h.decisions.filter((d) => d.decision === 'approve').length;
}

/** The signed statements stay in the store as proof; listings show who and when. */
function withoutProof(
  h: Hold,
): Omit<Hold, 'decisions'> & { decisions: Omit<Hold['decisions'][number], 'signature'>[] } {
  return { ...h, decisions: h.decisions.map(({ signature: _signature, ...rest }) => rest) };
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer / un entier positif');
  return n;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
