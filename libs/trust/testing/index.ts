export { createTestPki, TEST_PLATFORM_IDS, writeTestPki } from './test-pki.factory';
export type { TestPki, TestPlatformId } from './test-pki.factory';
export { trustErrorOf } from './trust-error.matcher';
