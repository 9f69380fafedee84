import { NOTICE_DETAILS_CODECS } from './details/notice-details.registry';
import { ANY_NUMBER_OF, assignDefined, readPhotos, wholeNumber } from './element-values';
import { OCCURS_LIMITS } from './notice.constants';
import { ElementCursor } from './element.cursor';
import { NoticeIssue } from './notice.error';
import {
  Notice,
  NoticeFacts,
  NoticeSex,
  NoticeSubject,
  NoticeType,
  NOTICE_TYPE_SHAPES,
  NOTICE_TYPES,
} from './notice.model';
import { XmlElement } from './xml-tree.parser';

const DETAILS_ELEMENTS = NOTICE_TYPES.map((type) => NOTICE_TYPE_SHAPES[type].detailsElement);

/**
 * Turns the namespace-checked tree into a Notice, element by element in the XSD's order. It
 * reports structure (missing, repeated, unexpected, out of order, another type's details block);
 * the values, and whether this type needs a Subject, are judged afterwards by NoticeValidator.
 */
export class NoticeReader {
  read(root: XmlElement): { notice: Notice; issues: NoticeIssue[] } {
    const issues: NoticeIssue[] = [];
    const cursor = new ElementCursor(root, '/Notice', issues);
    // Narrowed by NoticeValidator afterwards; an unknown type is reported there.
    const noticeType = cursor.requiredText('NoticeType') as NoticeType;
    const notice: Notice = {
      noticeType,
      noticeId: cursor.requiredText('NoticeID'),
      issueDate: cursor.requiredText('NoticeIssueDate'),
      arrestWarrants: [],
    };
    assignDefined(notice, 'classification', cursor.optionalText('SecurityClassification'));
    assignDefined(notice, 'inReplyTo', cursor.optionalText('InReplyTo'));
    const subject = cursor.optional('Subject');
    if (subject) notice.subject = this.subject(subject);
    const facts = cursor.optional('CaseFacts');
    if (facts) notice.facts = this.facts(facts);
    if (!NOTICE_TYPES.includes(noticeType)) {
      cursor.skipRemaining();
    } else {
      // The XSD's choice allows any branch; only the one of NoticeType belongs here.
      const own = NOTICE_TYPE_SHAPES[noticeType].detailsElement;
      const others = DETAILS_ELEMENTS.filter((element) => element !== own);
      cursor.refuse(others, `does not match NoticeType ${noticeType}: a ${noticeType} notice carries ${own}`);
      const block = cursor.required(own);
      if (block) NOTICE_DETAILS_CODECS[noticeType].read(block, notice);
    }
    cursor.finish();
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
    subject.photos = readPhotos(cursor, 'PersonPhoto');
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
