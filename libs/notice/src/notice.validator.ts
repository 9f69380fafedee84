import { HEIGHT_CM_MAX, OCCURS_LIMITS, TEXT_LIMITS as MAX, WEIGHT_KG_MAX } from './notice.constants';
import { NoticeIssue } from './notice.error';
import { EYE_COLOUR_CODES, HAIR_COLOUR_CODES, Notice, NOTICE_SEX_CODES, NOTICE_TYPES } from './notice.model';
import { ABSOLUTE_URI, COUNTRY_CODE, IssueCollector, LANGUAGE_CODE, NOTICE_ID } from './notice-rules';

const SUBJECT = '/Notice/Subject';
const RED = '/Notice/RedNoticeDetails';
const FACTS = '/Notice/CaseFacts';

/**
 * The content rules of the XSD (patterns, code lists, lengths, occurrences) plus what XSD 1.0
 * cannot say (real calendar dates, a RED notice rests on a warrant), checked on the model. Issues
 * name the XML path of the value, so reading and writing report alike.
 */
export class NoticeValidator {
  validate(notice: Notice): NoticeIssue[] {
    const check = new IssueCollector();
    const value: unknown = notice;
    if (!check.object('/Notice', value, true)) return check.issues;
    check.oneOf('/Notice/NoticeType', value.noticeType ?? '', NOTICE_TYPES, 'notice type');
    check.pattern('/Notice/NoticeID', value.noticeId, NOTICE_ID, 'a notice identifier', true);
    check.date('/Notice/NoticeIssueDate', value.issueDate, true, true);
    check.text('/Notice/SecurityClassification', value.classification, MAX.classification, false);
    this.subject(check, value.subject);
    this.facts(check, value.facts);
    if (value.noticeType === 'RED') this.warrants(check, value.arrestWarrants);
    return check.issues;
  }

  private subject(check: IssueCollector, subject: unknown): void {
    if (!check.object(SUBJECT, subject, true)) return;
    const name = `${SUBJECT}/PersonName`;
    check.text(`${name}/PersonSurName`, subject.surname, MAX.name, true);
    check.text(`${name}/PersonGivenName`, subject.givenName, MAX.name, false);
    check.text(`${name}/PersonNameOriginalScript`, subject.nameOriginalScript, MAX.nameOriginalScript, false);
    check.list(
      `${SUBJECT}/PersonAlias`,
      subject.aliases,
      { min: 0, max: OCCURS_LIMITS.aliases },
      (alias, path) => {
        if (!check.object(path, alias, true)) return;
        check.text(`${path}/PersonSurName`, alias.surname, MAX.name, true);
        check.text(`${path}/PersonGivenName`, alias.givenName, MAX.name, false);
      },
    );
    check.oneOf(`${SUBJECT}/PersonSexCode`, subject.sex, NOTICE_SEX_CODES, 'sex code');
    check.date(`${SUBJECT}/PersonBirthDate`, subject.birthDate, false);
    check.text(`${SUBJECT}/PersonBirthPlace`, subject.birthPlace, MAX.place, false);
    check.text(`${SUBJECT}/PersonBirthCountry`, subject.birthCountry, MAX.birthCountry, false);
    check.list(
      `${SUBJECT}/PersonNationality`,
      subject.nationalities,
      { min: 0, max: OCCURS_LIMITS.nationalities },
      (code, path) => check.pattern(path, code, COUNTRY_CODE, 'an ISO 3166-1 alpha-2 code', true),
    );
    check.wholeNumber(`${SUBJECT}/PersonHeightCm`, subject.heightCm, HEIGHT_CM_MAX, 'centimetres');
    check.wholeNumber(`${SUBJECT}/PersonWeightKg`, subject.weightKg, WEIGHT_KG_MAX, 'kilograms');
    check.list(
      `${SUBJECT}/PersonEyeColorCode`,
      subject.eyeColours,
      { min: 0, max: OCCURS_LIMITS.eyeColours },
      (code, path) => check.oneOf(path, code, EYE_COLOUR_CODES, 'eye colour code'),
    );
    check.list(
      `${SUBJECT}/PersonHairColorCode`,
      subject.hairColours,
      { min: 0, max: OCCURS_LIMITS.hairColours },
      (code, path) => check.oneOf(path, code, HAIR_COLOUR_CODES, 'hair colour code'),
    );
    check.text(`${SUBJECT}/PersonDistinguishingMarks`, subject.distinguishingMarks, MAX.marks, false);
    check.list(
      `${SUBJECT}/PersonLanguageCode`,
      subject.languages,
      { min: 0, max: OCCURS_LIMITS.languages },
      (code, path) => check.pattern(path, code, LANGUAGE_CODE, 'an upper-case ISO 639-2/B code', true),
    );
    check.list(
      `${SUBJECT}/PersonPhoto`,
      subject.photos,
      { min: 0, max: OCCURS_LIMITS.photos },
      (photo, path) => {
        if (!check.object(path, photo, true)) return;
        check.pattern(`${path}/@href`, photo.href, ABSOLUTE_URI, 'an absolute URI', true);
        if (typeof photo.href === 'string' && photo.href.length > MAX.href) {
          check.report(`${path}/@href`, `must be at most ${MAX.href} characters`);
        }
        check.text(`${path}/@caption`, photo.caption, MAX.caption, false);
      },
    );
  }

  private warrants(check: IssueCollector, warrants: unknown): void {
    if (Array.isArray(warrants) && warrants.length === 0) {
      return check.report(`${RED}/ArrestWarrant`, 'a RED notice rests on at least one arrest warrant');
    }
    check.list(
      `${RED}/ArrestWarrant`,
      warrants,
      { min: 1, max: OCCURS_LIMITS.arrestWarrants },
      (warrant, path) => {
        if (!check.object(path, warrant, true)) return;
        check.text(`${path}/WarrantReference`, warrant.warrantReference, MAX.warrantReference, true);
        check.pattern(
          `${path}/WarrantIssuingCountryCode`,
          warrant.issuingCountryCode,
          COUNTRY_CODE,
          'an ISO 3166-1 alpha-2 code',
          true,
        );
        check.text(`${path}/WarrantIssuingAuthority`, warrant.issuingAuthority, MAX.authority, false);
        check.date(`${path}/WarrantIssueDate`, warrant.issueDate, false);
        check.text(`${path}/Charge/ChargeDescriptionText`, warrant.charge, MAX.charge, true);
        check.text(`${path}/Charge/ChargeLaw`, warrant.chargeLaw, MAX.law, false);
        check.text(`${path}/Charge/ChargeMaximumPenalty`, warrant.maximumPenalty, MAX.penalty, false);
      },
    );
  }

  private facts(check: IssueCollector, facts: unknown): void {
    if (!check.object(FACTS, facts, false)) return;
    check.text(`${FACTS}/FactsSummary`, facts.summary, MAX.summary, true);
    check.date(`${FACTS}/FactsDate`, facts.date, false);
    check.text(`${FACTS}/FactsPlace`, facts.place, MAX.place, false);
    check.pattern(
      `${FACTS}/FactsCountryCode`,
      facts.countryCode,
      COUNTRY_CODE,
      'an ISO 3166-1 alpha-2 code',
      false,
    );
  }
}
