import { writeTestPki } from '@pcms/trust/testing';
import { rmSync } from 'node:fs';
import { readPkiCertificates } from './pki-certificates.reader';

describe(readPkiCertificates.name, () => {
  const { directory } = writeTestPki(undefined, { authorities: ['ML-CA'] });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('names each certificate’s role from its subject, none for the CA', () => {
    const sut = readPkiCertificates(directory);

    const roleOf = (id: string) => sut.find((certificate) => certificate.id === id)?.role;
    expect(roleOf('ML-CA')).toBe('authority');
    expect(roleOf('GATEWAY')).toBe('gateway');
    expect(roleOf('NP-ML')).toBe('platform');
    expect(sut.find((certificate) => certificate.id === 'ca')).not.toHaveProperty('role');
  });
});
