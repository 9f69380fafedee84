import type { Command } from 'commander';
import { PeerSender } from '@pcms/peer';
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
      const response = await PeerSender.fromConfig(context.config).sendFile(file, peerMessageId);
      if (response.status >= 300) process.exitCode = 1;
      if (options.json) {
        const answer = { peerMessageId, status: response.status, answer: parsedOrText(response.body) };
        process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
        return;
      }
      say(
        `The gateway answered ${response.status}: ${response.body}`,
        `La passerelle a répondu ${response.status} : ${response.body}`,
      );
    });
}

/** The gateway answers JSON (`{ messageId }` or `{ code, reason }`); anything else is shown as text. */
function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
