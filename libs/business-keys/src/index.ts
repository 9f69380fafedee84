export { BUSINESS_KEY_KINDS } from './business-key.types';
export type {
  BusinessKeyKind,
  BusinessKeyRow,
  BusinessKeyTerm,
  HashedBusinessKeyQuery,
} from './business-key.types';
export { BusinessKeysError, BusinessKeysErrorCode } from './business-keys.error';
export { foldName, nameIndexTerms, nameQueryTerms, type FoldedWord, type NameScript } from './name.folding';
export { foldReference } from './reference.folding';
export { extractBusinessKeys, type PayloadBytes } from './business-key.extractor';
export { BusinessKeyHasher } from './business-key.hasher';
export { BusinessKeyIndex, DEFAULT_FIND_LIMIT } from './business-key.index';
export {
  businessKeyFromConfig,
  businessKeyIndexFromConfig,
  openBusinessKeyIndex,
  type OpenBusinessKeyIndexOptions,
} from './business-key-index.factory';
