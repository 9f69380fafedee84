import type { Command } from 'commander';
import { PeerSender } from '@pcms/peer';
import { SignedHttpError, SignedHttpErrorCode, type SignedDocumentResponse } from '@pcms/signed-http';
import { randomUUID } from 'node:crypto';
import { say, type CliContext } from '../cli.context';

export function registerPeerCommands(program: Command, context: CliContext): void {
  const peer = program.command('peer').description('the local I-24/7-like peer / le pair I-24/7 local');

  peer
    .command('send')
    .description(
      'the peer signs a notice (XML file) and sends it to the gateway over HTTPS\n' +
        'le pair signe une notice (fichier XML) et l’envoie à la passerelle en HTTPS',
    )
    .argument('<file>', 'notice XML / notice XML')
    .option('--message-id <id>', 'the peer’s message id / identifiant du message côté pair')
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (file: string, options: { messageId?: string; json?: boolean }) => {
      const peerMessageId = options.messageId ?? randomUUID();
      let response: SignedDocumentResponse;
      const sender = PeerSender.fromConfig(context.config);
      try {
        response = await sender.sendFile(file, peerMessageId);
      } catch (error: unknown) {
        if (!(error instanceof SignedHttpError)) throw error;
        process.exitCode = 1;
        return printFailure(error, peerMessageId, options.json);
      } finally {
        sender.close();
      }
      if (response.status >= 300) process.exitCode = 1;
      const answer = parsedOrText(response.body);
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ peerMessageId, status: response.status, answer }, null, 2)}\n`,
        );
        return;
      }
      if (isDuplicate(answer)) {
        say(
          `The gateway answered ${response.status}: a duplicate of ${answer.messageId}, already received; nothing new is sent on.`,
          `La passerelle a répondu ${response.status} : doublon de ${answer.messageId}, déjà reçu ; rien de nouveau n’est transmis.`,
        );
        return;
      }
      say(
        `The gateway answered ${response.status}: ${response.body}`,
        `La passerelle a répondu ${response.status} : ${response.body}`,
      );
    });
}

/**
 * A refusal says what the gateway said (its code and reason); only a connection that failed points
 * at the services. Exit 1 either way.
 */
function printFailure(error: SignedHttpError, peerMessageId: string, json: boolean | undefined): void {
  const answer = error.responseBody === undefined ? undefined : parsedOrText(error.responseBody);
  const refusal = isRefusal(answer) ? answer : undefined;
  if (json) {
    const failure = { peerMessageId, error: error.code, status: error.status, answer, detail: error.message };
    process.stdout.write(`${JSON.stringify(failure, null, 2)}\n`);
    return;
  }
  if (error.code === SignedHttpErrorCode.HTTP_REJECTED) {
    const why = refusal ? `${refusal.code}: ${refusal.reason}` : (error.responseBody ?? '');
    say(
      `Refused by the gateway (${error.status}): ${why}`,
      `Refusé par la passerelle (${error.status}) : ${why}`,
    );
    return;
  }
  if (
    error.code === SignedHttpErrorCode.HTTP_CONNECTION_FAILED ||
    error.code === SignedHttpErrorCode.HTTP_TIMEOUT
  ) {
    say(
      `${error.code}: ${error.message}; are the services running? npm run services`,
      `${error.code} : passerelle injoignable ; les services tournent-ils ? npm run services`,
    );
    return;
  }
  say(`${error.code}: ${error.message}`, `${error.code} : ${error.message}`);
}

function isRefusal(answer: unknown): answer is { code: string; reason: string } {
  return (
    typeof answer === 'object' && answer !== null && typeof (answer as { code?: unknown }).code === 'string'
  );
}

function isDuplicate(answer: unknown): answer is { duplicate: true; messageId: string } {
  return (
    typeof answer === 'object' && answer !== null && (answer as { duplicate?: unknown }).duplicate === true
  );
}

/** The gateway answers JSON (`{ messageId }` or `{ code, reason }`); anything else is shown as text. */
function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
