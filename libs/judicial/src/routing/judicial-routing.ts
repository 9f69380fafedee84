// Where a message of the judicial network goes (issue 15): the rules of config/policy.yaml
// `judicial:` applied to one message, with the directory and what the store knows of the request.
// Pure: the route consumer loads the stored request, calls this, then queues the deliveries.
import type { JudicialConditions, JudicialRule, JudicialTarget, RuleVerdict } from '@pcms/routing';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { Party, RequestChannel } from '../judicial.constants';
import type { JudicialDestination, JudicialMessage } from '../wire/judicial-message';

/** What the rules read of the request a message is about. */
export interface RoutedRequest {
  /** Directory ids of the two authorities, as the request names them. */
  authorities: Readonly<Record<Party, string>>;
  /** Their states (empty when the directory does not know the authority). */
  parties: Readonly<Record<Party, string>>;
  channel: RequestChannel;
}

export interface JudicialRoutingContext {
  /**
   * For a `judicial.status`: the stored request it moves (StoredJudicialRequest's authorities and
   * parties, the channel from its payload). Absent: a status has no addressee.
   */
  request?: RoutedRequest;
}

export interface JudicialRoutingDecision {
  /** Each authority once, in the order the rules named them; `interpol` at most once. */
  destinations: JudicialDestination[];
  /** One verdict per rule that applied and per destination it gave or could not give. */
  verdicts: RuleVerdict[];
}

/** Where one rule sends the message (nowhere, with the reason in `detail`, when it cannot). */
interface Target {
  to?: { kind: 'authority'; authorityId: string } | { kind: 'interpol' };
  detail: string;
}

/** Every rule whose conditions hold adds its destinations; the sender never gets its own message back. */
export function decideJudicial(
  message: JudicialMessage,
  rules: readonly JudicialRule[],
  directory: JudicialDirectory,
  context: JudicialRoutingContext = {},
): JudicialRoutingDecision {
  const decision: JudicialRoutingDecision = { destinations: [], verdicts: [] };
  const request = routedRequest(message, directory, context);
  const day = dayOf(message.sentAt);
  for (const rule of rules) {
    const facts = matchedFacts(message, request, rule.when, directory, day);
    if (facts === undefined) continue;
    const name = `judicial.${rule.name}`;
    const because = facts.length > 0 ? ` (${facts.join('; ')})` : '';
    for (const { to, detail } of targetsOf(rule.to, message, request, directory)) {
      decision.verdicts.push({ rule: name, detail: `${detail}${because}` });
      if (to !== undefined && !isListed(decision.destinations, to)) {
        decision.destinations.push({ ...to, rule: name });
      }
    }
  }
  return decision;
}

/** The request a message is about: its own payload for a request, the stored one for a status. */
function routedRequest(
  message: JudicialMessage,
  directory: JudicialDirectory,
  context: JudicialRoutingContext,
): RoutedRequest | undefined {
  if (message.type !== 'judicial.request')
    return message.type === 'judicial.status' ? context.request : undefined;
  const { requesting, requested, channel } = message.payload;
  return {
    authorities: { requesting: requesting.authority, requested: requested.authority },
    parties: {
      requesting: directory.stateOf(requesting.authority) ?? '',
      requested: directory.stateOf(requested.authority) ?? '',
    },
    channel,
  };
}

/** The UTC day the message was sent on, which memberships are judged on. */
function dayOf(sentAt: string): string {
  const at = Date.parse(sentAt);
  return (Number.isNaN(at) ? new Date() : new Date(at)).toISOString().slice(0, 10);
}

/** The facts that make every condition hold, in words for the journal; undefined when one fails. */
function matchedFacts(
  message: JudicialMessage,
  request: RoutedRequest | undefined,
  when: JudicialConditions | undefined,
  directory: JudicialDirectory,
  day: string,
): string[] | undefined {
  const facts: string[] = [];
  if (when?.type) {
    if (!when.type.includes(message.type)) return undefined;
    facts.push(`type ${message.type}`);
  }
  if (when?.channel) {
    if (request === undefined || !when.channel.includes(request.channel)) return undefined;
    facts.push(`channel ${request.channel}`);
  }
  if (when?.channelNotIn) {
    if (request !== undefined && when.channelNotIn.includes(request.channel)) return undefined;
    if (request !== undefined) facts.push(`channel ${request.channel}`);
  }
  if (when?.bothMembersOf) {
    const network = when.bothMembersOf;
    const states = request ? [request.parties.requesting, request.parties.requested] : [];
    if (states.length === 0 || !states.every((state) => directory.isMember(state, network, day))) {
      return undefined;
    }
    facts.push(`${states.join(' and ')} members of ${network} on ${day}`);
  }
  return facts;
}

function targetsOf(
  to: JudicialTarget,
  message: JudicialMessage,
  request: RoutedRequest | undefined,
  directory: JudicialDirectory,
): Target[] {
  switch (to) {
    case 'addressee':
      return [addresseeOf(message, request, directory)];
    case 'secretariat': {
      const secretariats = directory.withRole('platform-secretariat');
      if (secretariats.length === 0) return [{ detail: 'the directory names no platform-secretariat' }];
      return secretariats.map((authority) =>
        toAuthority(message, authority.id, `copy to the secretariat ${authority.id}`),
      );
    }
    case 'interpol':
      return message.type === 'judicial.request'
        ? [{ to: { kind: 'interpol' }, detail: 'to INTERPOL: a DIFFUSION through the I-24/7 adapter' }]
        : [{ detail: `a ${message.type} does not travel as a DIFFUSION: only a request does` }];
  }
}

function addresseeOf(
  message: JudicialMessage,
  request: RoutedRequest | undefined,
  directory: JudicialDirectory,
): Target {
  switch (message.type) {
    case 'judicial.request':
      return toAuthority(
        message,
        message.payload.requested.authority,
        `to the requested authority ${message.payload.requested.authority}`,
      );
    case 'judicial.contact':
      return toAuthority(message, message.payload.to, `contact to ${message.payload.to}`);
    case 'judicial.status': {
      if (request === undefined) {
        return { detail: `request ${message.payload.requestId} is not stored: no other party to tell` };
      }
      const other = otherParty(message.from, request, directory);
      if (other === undefined) {
        return {
          detail: `${message.from} is not a party to request ${message.payload.requestId}: no other party to tell`,
        };
      }
      const authority = request.authorities[other];
      return toAuthority(
        message,
        authority,
        `${message.payload.status} to the ${other} authority ${authority}`,
      );
    }
  }
}

/** The side that did not send the status: by authority first, else by state (another authority of it). */
function otherParty(from: string, request: RoutedRequest, directory: JudicialDirectory): Party | undefined {
  if (from === request.authorities.requesting) return 'requested';
  if (from === request.authorities.requested) return 'requesting';
  const state = directory.stateOf(from);
  if (state !== undefined && state === request.parties.requesting) return 'requested';
  if (state !== undefined && state === request.parties.requested) return 'requesting';
  return undefined;
}

function toAuthority(message: JudicialMessage, authorityId: string, detail: string): Target {
  if (authorityId === message.from) return { detail: `${detail}: not back to its sender` };
  return { to: { kind: 'authority', authorityId }, detail };
}

function isListed(
  destinations: readonly JudicialDestination[],
  candidate: NonNullable<Target['to']>,
): boolean {
  return destinations.some((destination) =>
    destination.kind === 'authority' && candidate.kind === 'authority'
      ? destination.authorityId === candidate.authorityId
      : destination.kind === candidate.kind,
  );
}
