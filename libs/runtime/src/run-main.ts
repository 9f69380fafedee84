import { ConfigError, loadConfig, type LoadedConfig } from '@pcms/config';
import { TrustError, TrustErrorCode } from '@pcms/trust';
import type { RunningApp } from './gateway-app.bootstrap';

/**
 * The body of every app's main.ts: load the configuration, start, and turn the errors a newcomer
 * can meet at start into a message that says what to do (in English and French), not a stack.
 */
export function runMain(app: string, start: (config: LoadedConfig) => Promise<RunningApp>): void {
  const run = async () => {
    const config = loadConfig();
    const running = await start(config);
    process.stdout.write(
      `${JSON.stringify({ app, msg: 'started / démarré', profile: config.profile, url: running.url })}\n`,
    );
  };
  run().catch((error: unknown) => {
    process.stderr.write(`[${app}] ${explainError(error)}\n`);
    process.exit(1);
  });
}

/** Codes that mean nothing answered (MessagingError, SignedHttpError, Node's socket errors). */
const UNREACHABLE: ReadonlySet<string> = new Set([
  'CONNECT_FAILED',
  'HTTP_CONNECTION_FAILED',
  'HTTP_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
]);

/** A start-up or command error as a newcomer should read it: what happened, then what to do. */
export function explainError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TrustError && error.code === TrustErrorCode.CREDENTIAL_INVALID) {
    return `${error.message}\n  EN: create the development PKI with: pcms pki init\n  FR: créez la PKI de développement : pcms pki init`;
  }
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    // Only a failed connection points at the services: a refusal came from a running one.
    if (!UNREACHABLE.has(error.code)) return `${error.code}: ${error.message}`;
    return `${error.code}: ${error.message}\n  EN: are the services running? npm run services\n  FR: les services tournent-ils ? npm run services`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
