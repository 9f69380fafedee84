import { NOTICE_DETAILS_CODECS } from './details/notice-details.registry';
import { HEIGHT_CM_MAX, OCCURS_LIMITS, TEXT_LIMITS as MAX, WEIGHT_KG_MAX } from './notice.constants';
import { NoticeIssue } from './notice.error';
import {
  EYE_COLOUR_CODES,
  HAIR_COLOUR_CODES,
  Notice,
  NoticeType,
  NOTICE_SEX_CODES,
  NOTICE_TYPE_SHAPES,
  NOTICE_TYPES,
} from './notice.model';
import { IssueCollector, LANGUAGE_CODE, NOTICE_ID } from './notice-rules';

const SUBJECT = '/Notice/Subject';
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
    const type = NOTICE_TYPES.find((known) => known === value.noticeType);
    this.inReplyTo(check, value.inReplyTo, type);
    if (type) this.subjectOf(check, type, value.subject);
    else this.subject(check, value.subject);
    this.facts(check, value.facts);
    if (type) this.details(check, type, value);
    return check.issues;
  }

  /** Only a diffusion answers another message. */
  private inReplyTo(check: IssueCollector, inReplyTo: unknown, type: NoticeType | undefined): void {
    if (inReplyTo !== undefined && type !== undefined && type !== 'DIFFUSION') {
      return check.report(
        '/Notice/InReplyTo',
        `must be absent from a ${type} notice: only a DIFFUSION answers`,
      );
    }
    check.pattern('/Notice/InReplyTo', inReplyTo, NOTICE_ID, 'a notice identifier', false);
  }

  private subjectOf(check: IssueCollector, type: NoticeType, subject: unknown): void {
    const rule = NOTICE_TYPE_SHAPES[type].subject;
    if (subject === undefined && rule === 'required') {
      return check.report(SUBJECT, `is required on a ${type} notice`);
    }
    if (subject !== undefined && rule === 'absent') {
      return check.report(SUBJECT, `must be absent from a ${type} notice: it names no person`);
    }
    if (subject !== undefined) this.subject(check, subject);
  }

  /** The details block of the type, checked by its codec; any other type's block is refused. */
  private details(check: IssueCollector, type: NoticeType, notice: Record<string, unknown>): void {
    const { detailsElement, detailsKey } = NOTICE_TYPE_SHAPES[type];
    for (const other of NOTICE_TYPES) {
      const shape = NOTICE_TYPE_SHAPES[other];
      const value = notice[shape.detailsKey];
      // RED's block is a list: a parsed notice of another type carries it empty.
      const carried = Array.isArray(value) ? value.length > 0 : value !== undefined;
      if (other !== type && carried) {
        const reason = `does not match NoticeType ${type}: a ${type} notice carries ${detailsElement}`;
        check.report(`/Notice/${shape.detailsElement}`, reason);
      }
    }
    const path = `/Notice/${detailsElement}`;
    const codec = NOTICE_DETAILS_CODECS[type];
    if (notice[detailsKey] === undefined && type !== 'RED') {
      check.report(path, `is required: a ${type} notice carries ${detailsElement}`);
    } else {
      codec.validate(check, notice[detailsKey], path);
    }
    codec.crossCheck?.(check, notice, path);
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
      (code, path) => check.countryCode(path, code, true),
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
    check.photos(`${SUBJECT}/PersonPhoto`, subject.photos);
  }

  private facts(check: IssueCollector, facts: unknown): void {
    if (!check.object(FACTS, facts, false)) return;
    check.text(`${FACTS}/FactsSummary`, facts.summary, MAX.summary, true);
    check.date(`${FACTS}/FactsDate`, facts.date, false);
    check.text(`${FACTS}/FactsPlace`, facts.place, MAX.place, false);
    check.countryCode(`${FACTS}/FactsCountryCode`, facts.countryCode, false);
  }
}
