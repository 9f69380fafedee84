import { Builder } from 'xml2js';
import { NOTICE_DETAILS_CODECS } from './details/notice-details.registry';
import { NOTICE_NAMESPACE } from './notice.constants';
import { Notice, NoticeFacts, NoticeSubject, NOTICE_TYPE_SHAPES } from './notice.model';
import { photoContent, put, putList, putWhole, XmlContent } from './xml-content';

/**
 * Writes a (validated) Notice in the XSD's sequence order: absent optionals and empty lists are
 * left out, text is trimmed, numbers are written as integers.
 */
export class NoticeWriter {
  private readonly builder = new Builder({
    rootName: 'Notice',
    xmldec: { version: '1.0', encoding: 'UTF-8' },
    renderOpts: { pretty: true, indent: '  ', newline: '\n' },
  });

  write(notice: Notice): string {
    const root: XmlContent = { $: { xmlns: NOTICE_NAMESPACE } };
    root.NoticeType = notice.noticeType;
    root.NoticeID = notice.noticeId;
    root.NoticeIssueDate = notice.issueDate;
    put(root, 'SecurityClassification', notice.classification);
    put(root, 'InReplyTo', notice.inReplyTo);
    if (notice.subject) root.Subject = this.subject(notice.subject);
    if (notice.facts) root.CaseFacts = this.facts(notice.facts);
    root[NOTICE_TYPE_SHAPES[notice.noticeType].detailsElement] =
      NOTICE_DETAILS_CODECS[notice.noticeType].write(notice);
    return this.builder.buildObject(root);
  }

  private subject(subject: NoticeSubject): XmlContent {
    const name: XmlContent = { PersonSurName: subject.surname.trim() };
    put(name, 'PersonGivenName', subject.givenName);
    put(name, 'PersonNameOriginalScript', subject.nameOriginalScript);
    const content: XmlContent = { PersonName: name };
    putList(
      content,
      'PersonAlias',
      subject.aliases.map((alias) => {
        const aliasContent: XmlContent = { PersonSurName: alias.surname.trim() };
        put(aliasContent, 'PersonGivenName', alias.givenName);
        return aliasContent;
      }),
    );
    put(content, 'PersonSexCode', subject.sex);
    put(content, 'PersonBirthDate', subject.birthDate);
    put(content, 'PersonBirthPlace', subject.birthPlace);
    put(content, 'PersonBirthCountry', subject.birthCountry);
    putList(content, 'PersonNationality', subject.nationalities);
    putWhole(content, 'PersonHeightCm', subject.heightCm);
    putWhole(content, 'PersonWeightKg', subject.weightKg);
    putList(content, 'PersonEyeColorCode', subject.eyeColours);
    putList(content, 'PersonHairColorCode', subject.hairColours);
    put(content, 'PersonDistinguishingMarks', subject.distinguishingMarks);
    putList(content, 'PersonLanguageCode', subject.languages);
    putList(content, 'PersonPhoto', subject.photos.map(photoContent));
    return content;
  }

  private facts(facts: NoticeFacts): XmlContent {
    const content: XmlContent = { FactsSummary: facts.summary.trim() };
    put(content, 'FactsDate', facts.date);
    put(content, 'FactsPlace', facts.place);
    put(content, 'FactsCountryCode', facts.countryCode);
    return content;
  }
}
