/** Pretty JSON with sorted keys, so that two equal trees print the same lines. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, element: unknown) => sortKeys(element), 2) ?? 'undefined';
}

function sortKeys(element: unknown): unknown {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return element;
  const entries = Object.entries(element).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/**
 * A unified-style diff of two texts ('-' expected, '+' actual, ' ' context), from their longest
 * common subsequence of lines: fixtures are small, so the quadratic table is fine.
 */
export function lineDiff(expected: string, actual: string, contextLines = 2): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const lines: { mark: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: ' ', text: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || table[i + 1][j] >= table[i][j + 1])) {
      lines.push({ mark: '-', text: a[i++] });
    } else {
      lines.push({ mark: '+', text: b[j++] });
    }
  }
  const near = (index: number): boolean =>
    lines
      .slice(Math.max(0, index - contextLines), index + contextLines + 1)
      .some((line) => line.mark !== ' ');
  return lines
    .filter((_line, index) => near(index))
    .map((line) => `${line.mark} ${line.text}`)
    .join('\n');
}
