import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTICE_XSD_PATH, XsdValidator } from './xsd.validator';

const FIXTURES = join(__dirname, '..', 'fixtures');

describe(XsdValidator.name, () => {
  const sut = new XsdValidator();

  it('points NOTICE_XSD_PATH at the schema of the notice namespace', () => {
    expect(existsSync(NOTICE_XSD_PATH)).toBe(true);
    expect(readFileSync(NOTICE_XSD_PATH, 'utf8')).toContain('targetNamespace="urn:pcms:i247:notice:1"');
  });

  it('accepts a valid notice', async () => {
    const xml = readFileSync(join(FIXTURES, 'valid', 'red-minimal.xml'), 'utf8');
    await expect(sut.validateNoticeXml(xml)).resolves.toEqual({ valid: true, errors: [] });
  });

  it('reports what the schema refuses, with the line', async () => {
    const xml = readFileSync(join(FIXTURES, 'invalid', 'out-of-order.xml'), 'utf8');
    const result = await sut.validateNoticeXml(xml);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^line 4: .*NoticeIssueDate.*not expected/);
  });

  it('refuses a RED section without a warrant, a bad date and a code outside its list', async () => {
    const xml = readFileSync(join(FIXTURES, 'valid', 'red-minimal.xml'), 'utf8')
      .replace('2025/01/05', '05/01/2025')
      .replace('</PersonName>', '</PersonName><PersonEyeColorCode>PUR</PersonEyeColorCode>')
      .replace(/<ArrestWarrant>[\s\S]*<\/ArrestWarrant>/, '');
    const result = await sut.validateNoticeXml(xml);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toEqual(expect.stringContaining('NoticeIssueDate'));
    expect(result.errors.join('\n')).toEqual(expect.stringContaining('PersonEyeColorCode'));
    expect(result.errors.join('\n')).toEqual(expect.stringContaining('RedNoticeDetails'));
  });

  it('fails when its schema file cannot be read', async () => {
    const missing = new XsdValidator(join(FIXTURES, 'no-such.xsd'));
    await expect(missing.validateNoticeXml('<Notice/>')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
