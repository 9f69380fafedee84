/** The notice's XML namespace; a document in any other namespace is not a notice. */
export const NOTICE_NAMESPACE = 'urn:pcms:i247:notice:1';

export interface NoticeLimits {
  /** Largest accepted document, in bytes of UTF-8. */
  maxBytes: number;
  /** Deepest accepted element nesting; the root element is depth 1. */
  maxDepth: number;
}

/** A full RED notice with photos and several warrants is a few KiB; 256 KiB leaves room. */
export const DEFAULT_NOTICE_LIMITS: Readonly<NoticeLimits> = { maxBytes: 256 * 1024, maxDepth: 32 };

/** Length limits (in characters) shared by the XSD's TextNNType and the codec's checks. */
export const TEXT_LIMITS = {
  classification: 64,
  name: 100,
  nameOriginalScript: 200,
  place: 100,
  birthCountry: 100,
  marks: 1000,
  caption: 200,
  href: 2048,
  warrantReference: 100,
  authority: 200,
  charge: 1000,
  law: 500,
  penalty: 200,
  summary: 4000,
  // Details blocks beyond RED (docs/architecture.md, "Notice types beyond RED").
  circumstances: 4000,
  purpose: 1000,
  requested: 1000,
  activities: 4000,
  description: 4000,
  causeOfDeath: 1000,
  precautions: 1000,
  offence: 200,
  method: 500,
  concealment: 1000,
  unReference: 100,
  unResolution: 200,
  profession: 200,
  entityName: 200,
  mainActivity: 1000,
  address: 500,
  documentType: 100,
  documentNumber: 100,
  subjectLine: 200,
  diffusionText: 8000,
} as const;

/** Occurrence limits, the XSD's maxOccurs. */
export const OCCURS_LIMITS = {
  aliases: 50,
  nationalities: 10,
  eyeColours: 7,
  hairColours: 8,
  languages: 20,
  photos: 20,
  arrestWarrants: 20,
  methods: 20,
  objects: 20,
  countryCodes: 20,
  entityNames: 50,
  addresses: 20,
  identityDocuments: 20,
} as const;

export const HEIGHT_CM_MAX = 300;
export const WEIGHT_KG_MAX = 500;
export const AGE_YEARS_MAX = 150;
