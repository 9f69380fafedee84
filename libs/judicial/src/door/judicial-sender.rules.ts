// Who may say what on the judicial network, once the message is well formed: its sender is an
// authority of the directory; a request is sent by its requesting authority (sending is
// submitting), a status by the authority it names, a contact between focal points of one network
// both states belong to on the day it is sent. The store judges the rest (transitions, parties).
import { ROLE_NETWORK, type AuthorityRole, type DirectoryAuthority } from '../directory/directory.model';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JudicialErrorCode } from '../judicial.error';
import type { JudicialMessage } from '../wire/judicial-message';
import { JudicialDoorCode, refusal, type JudicialDoorRefusal } from './judicial-door.codes';

/** The roles that put an authority in direct contact with its peers (WACAP, the Sahel platform). */
export const FOCAL_POINT_ROLES: readonly AuthorityRole[] = [
  'wacap-focal-point',
  'platform-focal-point',
  'platform-alternate',
];

export function checkSender(
  message: JudicialMessage,
  directory: JudicialDirectory,
): JudicialDoorRefusal | undefined {
  const sender = directory.authority(message.from);
  if (sender === undefined) {
    return refusal(
      JudicialErrorCode.AuthorityUnknown,
      'directory',
      'client',
      `the sender ${message.from} is not an authority of the judicial directory`,
      `l’expéditeur ${message.from} n’est pas une autorité de l’annuaire judiciaire`,
    );
  }
  switch (message.type) {
    case 'judicial.request':
      return authorOnly(message.from, message.payload.requesting.authority, 'payload.requesting.authority');
    case 'judicial.status':
      return (
        authorOnly(message.from, message.payload.authority, 'payload.authority') ??
        speaksForAState(sender, directory, message.payload.requestId)
      );
    case 'judicial.contact':
      return checkContact(sender, message.payload.to, message.sentAt.slice(0, 10), directory);
  }
}

function authorOnly(from: string, author: string, path: string): JudicialDoorRefusal | undefined {
  if (from === author) return undefined;
  return refusal(
    JudicialDoorCode.SenderNotAuthor,
    'identity',
    'client',
    `${from} may not send a message whose ${path} is ${author}: an authority speaks for itself`,
    `${from} ne peut pas envoyer un message dont ${path} est ${author} : une autorité parle pour elle-même`,
  );
}

/**
 * The store would only see "no state" for a network-only authority (the secretariat) and call it
 * unknown, which sends the operator looking for a typo in an id the directory does list.
 */
function speaksForAState(
  sender: DirectoryAuthority,
  directory: JudicialDirectory,
  requestId: string,
): JudicialDoorRefusal | undefined {
  if (directory.stateOf(sender.id) !== undefined) return undefined;
  const roles = sender.roles.join(', ');
  return refusal(
    JudicialErrorCode.StatusNotAParty,
    'directory',
    'content',
    `${sender.id} is not a party to request ${requestId}: it speaks for no state (${roles}), so it moves no request`,
    `${sender.id} n’est pas partie à la demande ${requestId} : elle ne représente aucun État (${roles}), elle ne fait donc avancer aucune demande`,
  );
}

function checkContact(
  sender: DirectoryAuthority,
  to: string,
  day: string,
  directory: JudicialDirectory,
): JudicialDoorRefusal | undefined {
  const addressee = directory.authority(to);
  if (addressee === undefined) {
    return refusal(
      JudicialErrorCode.AuthorityUnknown,
      'directory',
      'content',
      `payload.to: authority ${to} is not in the judicial directory`,
      `payload.to : l’autorité ${to} ne figure pas dans l’annuaire judiciaire`,
    );
  }
  const shared = focalNetworksOf(sender, day, directory).filter((network) =>
    focalNetworksOf(addressee, day, directory).includes(network),
  );
  if (shared.length > 0) return undefined;
  return refusal(
    JudicialDoorCode.ContactNotFocalPoints,
    'directory',
    'content',
    `${sender.id} and ${to} are not both focal points of one network their states belong to on ${day}`,
    `${sender.id} et ${to} ne sont pas tous deux points focaux d’un même réseau dont leurs États sont membres le ${day}`,
  );
}

/** The networks an authority is a focal point of on `day`, its state being a member then. */
function focalNetworksOf(authority: DirectoryAuthority, day: string, directory: JudicialDirectory): string[] {
  return authority.roles
    .filter((role) => FOCAL_POINT_ROLES.includes(role))
    .map((role) => ROLE_NETWORK[role])
    .filter((network): network is string => network !== undefined)
    .filter((network) => directory.isMember(authority.state, network, day));
}
