import { ANY_NUMBER_OF, assignDefined } from '../element-values';
import { ElementCursor } from '../element.cursor';
import { OCCURS_LIMITS, TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeIdentityDocument, NoticeUnEntity, NoticeUnSanction } from '../notice-details.model';
import { IssueCollector } from '../notice-rules';
import { put, putList, putTextList, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** UN: INTERPOL–UN Security Council Special Notice, on a person (the Subject) or an Entity. */
export const UN_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const un: NoticeUnSanction = { unReference: block.requiredText('UnReferenceID'), identityDocuments: [] };
    assignDefined(un, 'unReferenceDate', block.optionalText('UnReferenceDate'));
    assignDefined(un, 'unResolution', block.optionalText('UnResolutionText'));
    assignDefined(un, 'summary', block.optionalText('UnSummaryText'));
    assignDefined(un, 'profession', block.optionalText('PersonOccupationText'));
    const entity = block.optional('Entity');
    if (entity) un.entity = readEntity(entity);
    un.identityDocuments = block
      .repeated('IdentityDocument', ANY_NUMBER_OF(OCCURS_LIMITS.identityDocuments))
      .map(readIdentityDocument);
    block.finish();
    notice.unSanction = un;
  },

  write(notice) {
    const un = present(notice.unSanction, '/Notice/UnSpecialNoticeDetails');
    const content: XmlContent = { UnReferenceID: un.unReference.trim() };
    put(content, 'UnReferenceDate', un.unReferenceDate);
    put(content, 'UnResolutionText', un.unResolution);
    put(content, 'UnSummaryText', un.summary);
    put(content, 'PersonOccupationText', un.profession);
    if (un.entity) content.Entity = entityContent(un.entity);
    putList(content, 'IdentityDocument', un.identityDocuments.map(identityDocumentContent));
    return content;
  },

  validate(check, un, path) {
    if (!check.object(path, un, true)) return;
    check.text(`${path}/UnReferenceID`, un.unReference, MAX.unReference, true);
    check.date(`${path}/UnReferenceDate`, un.unReferenceDate, false);
    check.text(`${path}/UnResolutionText`, un.unResolution, MAX.unResolution, false);
    check.text(`${path}/UnSummaryText`, un.summary, MAX.summary, false);
    check.text(`${path}/PersonOccupationText`, un.profession, MAX.profession, false);
    validateEntity(check, un.entity, `${path}/Entity`);
    check.list<unknown>(
      `${path}/IdentityDocument`,
      un.identityDocuments,
      { min: 0, max: OCCURS_LIMITS.identityDocuments },
      (document, itemPath) => validateIdentityDocument(check, document, itemPath),
    );
  },

  // A special notice targets one party: the Security Council lists a person or an entity.
  crossCheck(check, notice, path) {
    const un = notice.unSanction as { entity?: unknown } | undefined;
    const hasEntity = typeof un === 'object' && un !== null && un.entity !== undefined;
    if (hasEntity && notice.subject !== undefined) {
      check.report(`${path}/Entity`, 'a UN special notice names a person (Subject) or an entity, not both');
    } else if (!hasEntity && notice.subject === undefined) {
      check.report('/Notice/Subject', 'is required on a UN special notice without an Entity');
    }
  },
};

function readEntity(cursor: ElementCursor): NoticeUnEntity {
  const names = ANY_NUMBER_OF(OCCURS_LIMITS.entityNames);
  const entity: NoticeUnEntity = {
    name: cursor.requiredText('OrganizationName'),
    alsoKnownAs: cursor.repeatedText('OrganizationAlsoKnownAsName', names),
    formerlyKnownAs: cursor.repeatedText('OrganizationFormerlyKnownAsName', names),
    addresses: [],
  };
  assignDefined(entity, 'mainActivity', cursor.optionalText('OrganizationMainActivityText'));
  entity.addresses = cursor.repeatedText('OrganizationAddressText', ANY_NUMBER_OF(OCCURS_LIMITS.addresses));
  cursor.finish();
  return entity;
}

function readIdentityDocument(cursor: ElementCursor): NoticeIdentityDocument {
  const document: NoticeIdentityDocument = {
    documentType: cursor.requiredText('DocumentCategoryText'),
    documentNumber: cursor.requiredText('DocumentIdentificationID'),
  };
  assignDefined(document, 'issuingCountryCode', cursor.optionalText('DocumentIssuingCountryCode'));
  assignDefined(document, 'issueDate', cursor.optionalText('DocumentIssueDate'));
  assignDefined(document, 'expiryDate', cursor.optionalText('DocumentExpirationDate'));
  cursor.finish();
  return document;
}

function entityContent(entity: NoticeUnEntity): XmlContent {
  const content: XmlContent = { OrganizationName: entity.name.trim() };
  putTextList(content, 'OrganizationAlsoKnownAsName', entity.alsoKnownAs);
  putTextList(content, 'OrganizationFormerlyKnownAsName', entity.formerlyKnownAs);
  put(content, 'OrganizationMainActivityText', entity.mainActivity);
  putTextList(content, 'OrganizationAddressText', entity.addresses);
  return content;
}

function identityDocumentContent(document: NoticeIdentityDocument): XmlContent {
  const content: XmlContent = {
    DocumentCategoryText: document.documentType.trim(),
    DocumentIdentificationID: document.documentNumber.trim(),
  };
  put(content, 'DocumentIssuingCountryCode', document.issuingCountryCode);
  put(content, 'DocumentIssueDate', document.issueDate);
  put(content, 'DocumentExpirationDate', document.expiryDate);
  return content;
}

function validateEntity(check: IssueCollector, entity: unknown, path: string): void {
  if (!check.object(path, entity, false)) return;
  check.text(`${path}/OrganizationName`, entity.name, MAX.entityName, true);
  const names = OCCURS_LIMITS.entityNames;
  check.textList(`${path}/OrganizationAlsoKnownAsName`, entity.alsoKnownAs, MAX.entityName, names);
  check.textList(`${path}/OrganizationFormerlyKnownAsName`, entity.formerlyKnownAs, MAX.entityName, names);
  check.text(`${path}/OrganizationMainActivityText`, entity.mainActivity, MAX.mainActivity, false);
  check.textList(`${path}/OrganizationAddressText`, entity.addresses, MAX.address, OCCURS_LIMITS.addresses);
}

function validateIdentityDocument(check: IssueCollector, document: unknown, path: string): void {
  if (!check.object(path, document, true)) return;
  check.text(`${path}/DocumentCategoryText`, document.documentType, MAX.documentType, true);
  check.text(`${path}/DocumentIdentificationID`, document.documentNumber, MAX.documentNumber, true);
  check.countryCode(`${path}/DocumentIssuingCountryCode`, document.issuingCountryCode, false);
  check.date(`${path}/DocumentIssueDate`, document.issueDate, false);
  check.date(`${path}/DocumentExpirationDate`, document.expiryDate, false);
}
