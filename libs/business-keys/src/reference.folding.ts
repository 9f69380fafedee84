// A notice id or a warrant reference as one term: upper case, accents off, only letters and
// digits, so that "ML/PJS-TCO/2023/0412", "ml pjs tco 2023 0412" and "ML-PJS-TCO-2023-0412" meet.
// Separators differ between the forms a clerk types and the one printed on the warrant; the
// letters and digits, in order, are the reference.

export function foldReference(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}
