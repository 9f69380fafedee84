import { Builder } from 'xml2js';
import { NOTICE_NAMESPACE } from './notice.constants';
import { Notice, NoticeArrestWarrant, NoticeFacts, NoticeSubject } from './notice.model';

/** xml2js builder input: keys in insertion order become elements in document order. */
type XmlContent = { [element: string]: XmlValue } & { $?: Record<string, string> };
type XmlValue = string | XmlContent | (string | XmlContent)[] | Record<string, string>;

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
    if (notice.subject) root.Subject = this.subject(notice.subject);
    if (notice.facts) root.CaseFacts = this.facts(notice.facts);
    switch (notice.noticeType) {
      case 'RED':
        root.RedNoticeDetails = { ArrestWarrant: notice.arrestWarrants.map((w) => this.warrant(w)) };
        break;
    }
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
    put(content, 'PersonHeightCm', subject.heightCm?.toFixed(0));
    put(content, 'PersonWeightKg', subject.weightKg?.toFixed(0));
    putList(content, 'PersonEyeColorCode', subject.eyeColours);
    putList(content, 'PersonHairColorCode', subject.hairColours);
    put(content, 'PersonDistinguishingMarks', subject.distinguishingMarks);
    putList(content, 'PersonLanguageCode', subject.languages);
    putList(
      content,
      'PersonPhoto',
      subject.photos.map((photo): XmlContent => {
        const attributes: Record<string, string> = { href: photo.href };
        if (photo.caption !== undefined) attributes.caption = photo.caption.trim();
        return { $: attributes };
      }),
    );
    return content;
  }

  private facts(facts: NoticeFacts): XmlContent {
    const content: XmlContent = { FactsSummary: facts.summary.trim() };
    put(content, 'FactsDate', facts.date);
    put(content, 'FactsPlace', facts.place);
    put(content, 'FactsCountryCode', facts.countryCode);
    return content;
  }

  private warrant(warrant: NoticeArrestWarrant): XmlContent {
    const content: XmlContent = {
      WarrantReference: warrant.warrantReference.trim(),
      WarrantIssuingCountryCode: warrant.issuingCountryCode,
    };
    put(content, 'WarrantIssuingAuthority', warrant.issuingAuthority);
    put(content, 'WarrantIssueDate', warrant.issueDate);
    const charge: XmlContent = { ChargeDescriptionText: warrant.charge.trim() };
    put(charge, 'ChargeLaw', warrant.chargeLaw);
    put(charge, 'ChargeMaximumPenalty', warrant.maximumPenalty);
    content.Charge = charge;
    return content;
  }
}

function put(content: XmlContent, element: string, value: string | undefined): void {
  if (value !== undefined) content[element] = value.trim();
}

function putList(content: XmlContent, element: string, values: (string | XmlContent)[]): void {
  if (values.length > 0) content[element] = values;
}
