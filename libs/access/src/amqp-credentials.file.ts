import type { PlatformId } from '@pcms/envelope';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AccessError, AccessErrorCode } from './access.error';

export interface AmqpUserCredential {
  platform: PlatformId;
  username: string;
  password: string;
}

/** `<dataDir>/amqp-users.json`: what each platform's operators are given. Mode 0600. */
export interface AmqpCredentialsFile {
  vhost: string;
  namespace: string;
  users: AmqpUserCredential[];
}

const SECRET_FILE_MODE = 0o600;

export function readAmqpCredentials(path: string): AmqpCredentialsFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<AmqpCredentialsFile>;
    if (!Array.isArray(parsed.users)) throw new TypeError('no users array');
    return parsed as AmqpCredentialsFile;
  } catch (cause: unknown) {
    // The file holds passwords: its content never goes into the message.
    throw new AccessError(AccessErrorCode.CREDENTIALS_FILE_INVALID, `${path} is not a credentials file`, {
      cause,
    });
  }
}

/** Written beside, then renamed: a crash never leaves half a file; the mode is set before the name appears. */
export function writeAmqpCredentials(path: string, content: AmqpCredentialsFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: SECRET_FILE_MODE });
  chmodSync(temporary, SECRET_FILE_MODE);
  renameSync(temporary, path);
}
