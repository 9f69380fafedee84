import { ANY_NUMBER_OF, assignDefined, readPhotos, wholeNumber } from '../element-values';
import { ElementCursor } from '../element.cursor';
import { AGE_YEARS_MAX, HEIGHT_CM_MAX, OCCURS_LIMITS, TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeBody, NoticePossibleIdentity } from '../notice-details.model';
import { NoticeSex, NOTICE_SEX_CODES } from '../notice.model';
import { IssueCollector } from '../notice-rules';
import { photoContent, put, putList, putWhole, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** BLACK: an unidentified body. The notice has no Subject; a possible identity may be offered. */
export const BLACK_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const body: NoticeBody = { description: block.requiredText('BodyDescriptionText'), photos: [] };
    assignDefined(body, 'foundDate', block.optionalText('BodyFoundDate'));
    assignDefined(body, 'foundPlace', block.optionalText('BodyFoundPlace'));
    assignDefined(body, 'foundCountryCode', block.optionalText('BodyFoundCountryCode'));
    assignDefined(body, 'sex', block.optionalText('BodySexCode') as NoticeSex | undefined);
    assignDefined(body, 'estimatedAgeMin', wholeNumber(block.optional('BodyEstimatedAgeMinimum'), 'years'));
    assignDefined(body, 'estimatedAgeMax', wholeNumber(block.optional('BodyEstimatedAgeMaximum'), 'years'));
    assignDefined(body, 'heightCm', wholeNumber(block.optional('BodyHeightCm'), 'centimetres'));
    assignDefined(body, 'distinguishingMarks', block.optionalText('BodyDistinguishingMarks'));
    assignDefined(body, 'causeOfDeath', block.optionalText('BodyCauseOfDeathText'));
    body.photos = readPhotos(block, 'BodyPhoto');
    const identity = block.optional('PossibleIdentity');
    if (identity) body.possibleIdentity = readPossibleIdentity(identity);
    block.finish();
    notice.body = body;
  },

  write(notice) {
    const body = present(notice.body, '/Notice/BlackNoticeDetails');
    const content: XmlContent = { BodyDescriptionText: body.description.trim() };
    put(content, 'BodyFoundDate', body.foundDate);
    put(content, 'BodyFoundPlace', body.foundPlace);
    put(content, 'BodyFoundCountryCode', body.foundCountryCode);
    put(content, 'BodySexCode', body.sex);
    putWhole(content, 'BodyEstimatedAgeMinimum', body.estimatedAgeMin);
    putWhole(content, 'BodyEstimatedAgeMaximum', body.estimatedAgeMax);
    putWhole(content, 'BodyHeightCm', body.heightCm);
    put(content, 'BodyDistinguishingMarks', body.distinguishingMarks);
    put(content, 'BodyCauseOfDeathText', body.causeOfDeath);
    putList(content, 'BodyPhoto', body.photos.map(photoContent));
    if (body.possibleIdentity) {
      const identity: XmlContent = { PersonSurName: body.possibleIdentity.surname.trim() };
      put(identity, 'PersonGivenName', body.possibleIdentity.givenName);
      putList(identity, 'PersonNationality', body.possibleIdentity.nationalities);
      content.PossibleIdentity = identity;
    }
    return content;
  },

  validate(check, body, path) {
    if (!check.object(path, body, true)) return;
    check.text(`${path}/BodyDescriptionText`, body.description, MAX.description, true);
    check.date(`${path}/BodyFoundDate`, body.foundDate, false);
    check.text(`${path}/BodyFoundPlace`, body.foundPlace, MAX.place, false);
    check.countryCode(`${path}/BodyFoundCountryCode`, body.foundCountryCode, false);
    check.oneOf(`${path}/BodySexCode`, body.sex, NOTICE_SEX_CODES, 'sex code');
    check.wholeNumber(`${path}/BodyEstimatedAgeMinimum`, body.estimatedAgeMin, AGE_YEARS_MAX, 'years', 0);
    check.wholeNumber(`${path}/BodyEstimatedAgeMaximum`, body.estimatedAgeMax, AGE_YEARS_MAX, 'years', 0);
    const { estimatedAgeMin: min, estimatedAgeMax: max } = body;
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      check.report(`${path}/BodyEstimatedAgeMaximum`, 'must not be below BodyEstimatedAgeMinimum');
    }
    check.wholeNumber(`${path}/BodyHeightCm`, body.heightCm, HEIGHT_CM_MAX, 'centimetres');
    check.text(`${path}/BodyDistinguishingMarks`, body.distinguishingMarks, MAX.marks, false);
    check.text(`${path}/BodyCauseOfDeathText`, body.causeOfDeath, MAX.causeOfDeath, false);
    check.photos(`${path}/BodyPhoto`, body.photos);
    validatePossibleIdentity(check, body.possibleIdentity, `${path}/PossibleIdentity`);
  },
};

function readPossibleIdentity(cursor: ElementCursor): NoticePossibleIdentity {
  const identity: NoticePossibleIdentity = {
    surname: cursor.requiredText('PersonSurName'),
    nationalities: [],
  };
  assignDefined(identity, 'givenName', cursor.optionalText('PersonGivenName'));
  identity.nationalities = cursor.repeatedText(
    'PersonNationality',
    ANY_NUMBER_OF(OCCURS_LIMITS.nationalities),
  );
  cursor.finish();
  return identity;
}

function validatePossibleIdentity(check: IssueCollector, identity: unknown, path: string): void {
  if (!check.object(path, identity, false)) return;
  check.text(`${path}/PersonSurName`, identity.surname, MAX.name, true);
  check.text(`${path}/PersonGivenName`, identity.givenName, MAX.name, false);
  check.list<unknown>(
    `${path}/PersonNationality`,
    identity.nationalities,
    { min: 0, max: OCCURS_LIMITS.nationalities },
    (code, itemPath) => check.countryCode(itemPath, code, true),
  );
}
