// Who may see and do what in the console: the client certificate decides (docs/overview.md,
// Trust). The TLS handshake already checked the chain; this maps the identity it named to rights.
import { PLATFORM_IDS, type PlatformId } from '@pcms/envelope';

/** What a page or an action needs. */
export type ConsoleRight =
  'dashboard' | 'messages' | 'payload' | 'dead-letters' | 'replay' | 'discard' | 'holds' | 'decide';

export interface ConsoleReader {
  /** The certificate's id: an operator's or viewer's name, or a platform id. Never logged. */
  readonly id: string;
  readonly role: 'operator' | 'viewer' | 'platform';
  /** Set for a platform's certificate: it sees only what its platform sent or received. */
  readonly platform?: PlatformId;
}

const RIGHTS: Readonly<Record<ConsoleReader['role'], ReadonlySet<ConsoleRight>>> = {
  operator: new Set<ConsoleRight>([
    'dashboard',
    'messages',
    'payload',
    'dead-letters',
    'replay',
    'discard',
    'holds',
    'decide',
  ]),
  viewer: new Set<ConsoleRight>(['dashboard', 'messages', 'dead-letters', 'holds']),
  platform: new Set<ConsoleRight>(['messages']),
};

/**
 * The console reader a certificate identity makes, or undefined: the gateway's, the peer's or any
 * other certificate is refused before any page.
 */
export function readerOf(identity: { id: string; role: string }): ConsoleReader | undefined {
  switch (identity.role) {
    case 'operator':
    case 'viewer':
      return { id: identity.id, role: identity.role };
    case 'platform': {
      const platform = PLATFORM_IDS.find((id) => id === identity.id);
      return platform ? { id: identity.id, role: 'platform', platform } : undefined;
    }
    default:
      return undefined;
  }
}

export function may(reader: ConsoleReader, right: ConsoleRight): boolean {
  return RIGHTS[reader.role].has(right);
}
