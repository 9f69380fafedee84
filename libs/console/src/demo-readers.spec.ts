import { initDevelopmentPki, issuePartyCertificate, PkiStore, revokeCertificate } from '@pcms/trust';
import forge from 'node-forge';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAccessInstructions, DEMO_P12_PASSWORD, writeDemoReaderFiles } from './demo-readers';

describe(writeDemoReaderFiles.name, () => {
  it('gives the demo operator and viewer a PKCS#12 a browser imports with the password, 0600, revoked people left out', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pcms-demo-readers-'));
    const pki = initDevelopmentPki(folder, { parties: ['GATEWAY'] });
    const gone = issuePartyCertificate(pki, { id: 'OPS-GONE', role: 'operator' });
    revokeCertificate(pki, gone.serialNumber, 'keyCompromise');

    const sut = writeDemoReaderFiles(PkiStore.open(folder), folder);

    expect(sut.map((file) => [file.id, file.role])).toEqual([
      ['CONSOLE-OPERATOR', 'operator'],
      ['CONSOLE-VIEWER', 'viewer'],
    ]);
    for (const file of sut) {
      expect(statSync(file.file).mode & 0o777).toBe(0o600);
      const der = forge.util.createBuffer(readFileSync(file.file).toString('binary'));
      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), DEMO_P12_PASSWORD);
      const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag];
      const certificates = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
      expect(keys).toHaveLength(1);
      // The reader's certificate and the CA, so the browser can present the chain.
      const names = certificates.map((bag) => String(bag.cert?.subject.getField('CN')?.value));
      expect(names).toContain(file.id);
      expect(certificates).toHaveLength(2);
    }
    expect(() =>
      forge.pkcs12.pkcs12FromAsn1(
        forge.asn1.fromDer(forge.util.createBuffer(readFileSync(sut[0]?.file ?? '').toString('binary'))),
        'wrong',
      ),
    ).toThrow();
  });
});

describe(demoAccessInstructions.name, () => {
  it('says where the console is, how to import the file and trust the CA, with the password, in English and French', () => {
    const sut = demoAccessInstructions('https://127.0.0.1:9447', '/data/pki', [
      { id: 'CONSOLE-OPERATOR', role: 'operator', file: '/data/pki/console/CONSOLE-OPERATOR.p12' },
    ]).join('\n');

    expect(sut).toContain('https://127.0.0.1:9447');
    expect(sut).toMatch(/EN: import one of these PKCS#12 files/);
    expect(sut).toMatch(/FR : importez un de ces fichiers PKCS#12/);
    expect(sut.split(DEMO_P12_PASSWORD)).toHaveLength(3);
    expect(sut.split('/data/pki/ca.crt')).toHaveLength(3);
    expect(sut).toContain('operator CONSOLE-OPERATOR');
    expect(sut).toContain('/data/pki/console/CONSOLE-OPERATOR.p12');
  });
});
