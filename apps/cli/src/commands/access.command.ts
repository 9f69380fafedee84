import type { Command } from 'commander';
import {
  AmqpAccessProvisioner,
  planAmqpAccess,
  RabbitManagementClient,
  readAmqpCredentials,
  vhostOfAmqpUrl,
  writeAmqpCredentials,
  type AmqpUserCredential,
  type AmqpUserPlan,
} from '@pcms/access';
import { join } from 'node:path';
import { say, type CliContext } from '../cli.context';

interface AmqpUsersOptions {
  apply?: boolean;
  json?: boolean;
  showSecrets?: boolean;
  rotate?: boolean;
  managementUrl: string;
  managementUser: string;
}

const CREDENTIALS_FILE = 'amqp-users.json';
/** The management password comes from the environment, never from argv (visible to every user of `ps`). */
const MANAGEMENT_PASSWORD_ENV = 'PCMS_RABBITMQ_MANAGEMENT_PASSWORD';

export function registerAccessCommands(program: Command, context: CliContext): void {
  const access = program
    .command('access')
    .description('who may use which door of the gateway\nqui peut utiliser quelle porte de la passerelle');
  access
    .command('amqp-users')
    .description(
      'one RabbitMQ user per platform: publish only on its submit.<ID> route, consume only its platform.<ID> queue.\n' +
        `Without --apply, prints the plan; with it, applies it (management API, idempotent) and writes <dataDir>/${CREDENTIALS_FILE} (mode 0600).\n` +
        `The management password is read from ${MANAGEMENT_PASSWORD_ENV} (default guest).\n` +
        'un utilisateur RabbitMQ par plateforme : publier seulement sur sa route submit.<ID>, consommer seulement sa file platform.<ID>.\n' +
        `Sans --apply, affiche le plan ; avec, l’applique (API de gestion, idempotent) et écrit <dataDir>/${CREDENTIALS_FILE} (mode 0600).\n` +
        `Le mot de passe de gestion est lu dans ${MANAGEMENT_PASSWORD_ENV} (guest par défaut).`,
    )
    .option('--apply', 'create or update the users / créer ou mettre à jour les utilisateurs')
    .option('--rotate', 'with --apply: new passwords for all / avec --apply : nouveaux mots de passe')
    .option('--json', 'machine-readable output / sortie JSON')
    .option('--show-secrets', 'print the passwords too / afficher aussi les mots de passe')
    .option(
      '--management-url <url>',
      'RabbitMQ management API / API de gestion RabbitMQ',
      'http://127.0.0.1:15672',
    )
    .option('--management-user <name>', 'its user / son utilisateur', 'guest')
    .action(async (options: AmqpUsersOptions) => {
      const { config } = context;
      const plan = planAmqpAccess({
        namespace: config.amqp.namespace,
        vhost: vhostOfAmqpUrl(config.amqp.url),
      });
      if (!options.apply) {
        print(plan, undefined, options);
        return;
      }
      const file = join(config.paths.data, CREDENTIALS_FILE);
      const management = new RabbitManagementClient({
        url: options.managementUrl,
        username: options.managementUser,
        password: process.env[MANAGEMENT_PASSWORD_ENV] ?? 'guest',
      });
      const credentials = await new AmqpAccessProvisioner(management).apply(plan, {
        known: readAmqpCredentials(file)?.users,
        rotate: options.rotate,
      });
      writeAmqpCredentials(file, {
        vhost: plan[0]?.vhost ?? '/',
        namespace: config.amqp.namespace,
        users: credentials,
      });
      print(plan, credentials, options);
      if (!options.json) {
        say(
          `Applied; credentials written to ${file} (mode 0600).`,
          `Appliqué ; identifiants écrits dans ${file} (mode 0600).`,
        );
      }
    });
}

function print(
  plan: readonly AmqpUserPlan[],
  credentials: readonly AmqpUserCredential[] | undefined,
  options: AmqpUsersOptions,
): void {
  const passwordOf = (username: string) =>
    options.showSecrets ? credentials?.find((c) => c.username === username)?.password : undefined;
  if (options.json) {
    const users = plan.map((user) => ({ ...user, password: passwordOf(user.username) }));
    process.stdout.write(`${JSON.stringify({ applied: credentials !== undefined, users }, null, 2)}\n`);
    return;
  }
  if (!credentials)
    say('Plan (nothing applied; add --apply):', 'Plan (rien n’est appliqué ; ajoutez --apply) :');
  for (const user of plan) {
    const { configure, write, read } = user.permissions;
    const topic = user.topicPermissions;
    const password = passwordOf(user.username);
    process.stdout.write(
      `  ${user.username.padEnd(24)} vhost ${user.vhost}  configure ${configure}  write ${write}  read ${read}\n` +
        `  ${''.padEnd(24)} topic ${topic.exchange}: write ${topic.write}${password ? `  password ${password}` : ''}\n`,
    );
  }
}
