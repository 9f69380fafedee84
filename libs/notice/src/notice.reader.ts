import { OCCURS_LIMITS } from './notice.constants';
import { ElementCursor } from './element.cursor';
import { NoticeIssue } from './notice.error';
import {
  Notice,
  NoticeArrestWarrant,
  NoticeFacts,
  NoticeSex,
  NoticeSubject,
  NoticeType,
  NOTICE_TYPES,
} from './notice.model';
import { XmlElement } from './xml-tree.parser';

const WHOLE_NUMBER = /^\d{1,6}$/;
const ANY_NUMBER_OF = (max: number) => ({ min: 0, max });

/**
 * Turns the namespace-checked tree into a Notice, element by element in the XSD's order. It
 * reports structure (missing, repeated, unexpected, out of order); the values are judged
 * afterwards by NoticeValidator on the resulting object.
 */
export class NoticeReader {
  read(root: XmlElement): { notice: Notice; issues: NoticeIssue[] } {
    const issues: NoticeIssue[] = [];
    const cursor = new ElementCursor(root, '/Notice', issues);
    // Narrowed by NoticeValidator afterwards; an unknown type is reported there.
    const noticeType = cursor.requiredText('NoticeType') as NoticeType;
    const noticeId = cursor.requiredText('NoticeID');
    const issueDate = cursor.requiredText('NoticeIssueDate');
    const classification = cursor.optionalText('SecurityClassification');
    const subjectCursor = cursor.required('Subject');
    const subject = subjectCursor ? this.subject(subjectCursor) : emptySubject();
    const factsCursor = cursor.optional('CaseFacts');
    const facts = factsCursor && this.facts(factsCursor);
    let arrestWarrants: NoticeArrestWarrant[] = [];
    if (!NOTICE_TYPES.includes(noticeType)) {
      cursor.skipRemaining();
    } else {
      // One branch per notice type, as in the XSD's choice.
      switch (noticeType) {
        case 'RED': {
          const red = cursor.required('RedNoticeDetails');
          arrestWarrants = red ? this.warrants(red) : [];
          break;
        }
      }
    }
    cursor.finish();
    const notice: Notice = { noticeType, noticeId, issueDate, subject, arrestWarrants };
    if (classification !== undefined) notice.classification = classification;
    if (facts) notice.facts = facts;
    return { notice, issues };
  }

  private subject(cursor: ElementCursor): NoticeSubject {
    const name = cursor.required('PersonName');
    const subject: NoticeSubject = { ...emptySubject(), surname: name?.requiredText('PersonSurName') ?? '' };
    assignDefined(subject, 'givenName', name?.optionalText('PersonGivenName'));
    assignDefined(subject, 'nameOriginalScript', name?.optionalText('PersonNameOriginalScript'));
    name?.finish();
    subject.aliases = cursor.repeated('PersonAlias', ANY_NUMBER_OF(OCCURS_LIMITS.aliases)).map((alias) => {
      const surname = alias.requiredText('PersonSurName');
      const givenName = alias.optionalText('PersonGivenName');
      alias.finish();
      return givenName === undefined ? { surname } : { surname, givenName };
    });
    assignDefined(subject, 'sex', cursor.optionalText('PersonSexCode') as NoticeSex | undefined);
    assignDefined(subject, 'birthDate', cursor.optionalText('PersonBirthDate'));
    assignDefined(subject, 'birthPlace', cursor.optionalText('PersonBirthPlace'));
    assignDefined(subject, 'birthCountry', cursor.optionalText('PersonBirthCountry'));
    subject.nationalities = cursor.repeatedText(
      'PersonNationality',
      ANY_NUMBER_OF(OCCURS_LIMITS.nationalities),
    );
    assignDefined(subject, 'heightCm', wholeNumber(cursor.optional('PersonHeightCm'), 'centimetres'));
    assignDefined(subject, 'weightKg', wholeNumber(cursor.optional('PersonWeightKg'), 'kilograms'));
    subject.eyeColours = cursor.repeatedText('PersonEyeColorCode', ANY_NUMBER_OF(OCCURS_LIMITS.eyeColours));
    subject.hairColours = cursor.repeatedText(
      'PersonHairColorCode',
      ANY_NUMBER_OF(OCCURS_LIMITS.hairColours),
    );
    assignDefined(subject, 'distinguishingMarks', cursor.optionalText('PersonDistinguishingMarks'));
    subject.languages = cursor.repeatedText('PersonLanguageCode', ANY_NUMBER_OF(OCCURS_LIMITS.languages));
    subject.photos = cursor.repeated('PersonPhoto', ANY_NUMBER_OF(OCCURS_LIMITS.photos)).map((photo) => {
      const href = photo.attribute('href');
      const caption = photo.attribute('caption');
      photo.finish();
      if (href === undefined) photo.report('is required', '/@href');
      return caption === undefined ? { href: href ?? '' } : { href: href ?? '', caption };
    });
    cursor.finish();
    return subject;
  }

  private facts(cursor: ElementCursor): NoticeFacts {
    const facts: NoticeFacts = { summary: cursor.requiredText('FactsSummary') };
    assignDefined(facts, 'date', cursor.optionalText('FactsDate'));
    assignDefined(facts, 'place', cursor.optionalText('FactsPlace'));
    assignDefined(facts, 'countryCode', cursor.optionalText('FactsCountryCode'));
    cursor.finish();
    return facts;
  }

  private warrants(red: ElementCursor): NoticeArrestWarrant[] {
    // At least one is required; NoticeValidator reports an empty list with a RED-specific reason.
    const warrants = red
      .repeated('ArrestWarrant', ANY_NUMBER_OF(OCCURS_LIMITS.arrestWarrants))
      .map((cursor) => {
        const warrant: NoticeArrestWarrant = {
          warrantReference: cursor.requiredText('WarrantReference'),
          issuingCountryCode: cursor.requiredText('WarrantIssuingCountryCode'),
          charge: '',
        };
        assignDefined(warrant, 'issuingAuthority', cursor.optionalText('WarrantIssuingAuthority'));
        assignDefined(warrant, 'issueDate', cursor.optionalText('WarrantIssueDate'));
        const charge = cursor.required('Charge');
        warrant.charge = charge?.requiredText('ChargeDescriptionText') ?? '';
        assignDefined(warrant, 'chargeLaw', charge?.optionalText('ChargeLaw'));
        assignDefined(warrant, 'maximumPenalty', charge?.optionalText('ChargeMaximumPenalty'));
        charge?.finish();
        cursor.finish();
        return warrant;
      });
    red.finish();
    return warrants;
  }
}

function emptySubject(): NoticeSubject {
  return {
    surname: '',
    aliases: [],
    nationalities: [],
    eyeColours: [],
    hairColours: [],
    languages: [],
    photos: [],
  };
}

/** Optional properties stay absent rather than `undefined`, so parsed objects compare cleanly. */
function assignDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

function wholeNumber(cursor: ElementCursor | undefined, unit: string): number | undefined {
  if (!cursor) return undefined;
  const text = cursor.text();
  if (WHOLE_NUMBER.test(text)) return Number(text);
  cursor.report(`must be a whole number of ${unit}`);
  return undefined;
}
