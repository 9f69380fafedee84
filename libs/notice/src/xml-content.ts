import { NoticePhoto } from './notice.model';

/** xml2js builder input: keys in insertion order become elements in document order. */
export type XmlContent = { [element: string]: XmlValue } & { $?: Record<string, string> };
export type XmlValue = string | XmlContent | (string | XmlContent)[] | Record<string, string>;

/** An optional simple element: left out when absent, trimmed when present. */
export function put(content: XmlContent, element: string, value: string | undefined): void {
  if (value !== undefined) content[element] = value.trim();
}

/** A repeated element: left out when the list is empty. */
export function putList(content: XmlContent, element: string, values: (string | XmlContent)[]): void {
  if (values.length > 0) content[element] = values;
}

export function putTextList(content: XmlContent, element: string, values: string[]): void {
  putList(
    content,
    element,
    values.map((value) => value.trim()),
  );
}

/** Whole numbers are written without a fraction or exponent, as the XSD's integer types read. */
export function putWhole(content: XmlContent, element: string, value: number | undefined): void {
  if (value !== undefined) content[element] = value.toFixed(0);
}

/** xs:boolean spelled out: the XSD's IndicatorType refuses 1 and 0. */
export function putIndicator(content: XmlContent, element: string, value: boolean | undefined): void {
  if (value !== undefined) content[element] = value ? 'true' : 'false';
}

/** Photos travel by reference: an empty element with href and optional caption attributes. */
export function photoContent(photo: NoticePhoto): XmlContent {
  const attributes: Record<string, string> = { href: photo.href };
  if (photo.caption !== undefined) attributes.caption = photo.caption.trim();
  return { $: attributes };
}
