export { createTestPki, TEST_PLATFORM_IDS, writeTestPki } from './test-pki.factory';
export type { TestPki, TestPlatformId } from './test-pki.factory';
export { trustErrorOf } from './trust-error.matcher';
export { createTestCertificateRequest, withBrokenSignature } from './certificate-request.factory';
export type { TestRequestOptions } from './certificate-request.factory';
