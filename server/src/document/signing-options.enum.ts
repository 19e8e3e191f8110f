import { registerEnumType } from 'type-graphql';

/** PAdES baseline levels (ETSI EN 319 142-1 §6) a signature can be made at. */
export enum SignatureLevel {
  B_B = 'B_B',
  B_T = 'B_T',
  B_LT = 'B_LT',
  B_LTA = 'B_LTA',
}

registerEnumType(SignatureLevel, {
  name: 'SignatureLevel',
  description: 'PAdES baseline level of a signature.',
  valuesConfig: {
    B_B: { description: 'Basic: the signature alone; its time is only claimed.' },
    B_T: { description: 'With an RFC 3161 time-stamp proving it existed at that time.' },
    B_LT: { description: 'B-T plus the chain and CRLs in the document, for offline validation.' },
    B_LTA: { description: 'B-LT plus a document time-stamp protecting the validation data.' },
  },
});

/** DocMDP permissions of a certification signature (ISO 32000-1 §12.8.2.2). */
export enum CertificationLevel {
  NO_CHANGES = 'NO_CHANGES',
  FORM_FILLING = 'FORM_FILLING',
  ANNOTATIONS = 'ANNOTATIONS',
}

registerEnumType(CertificationLevel, {
  name: 'CertificationLevel',
  description: 'What a certified document allows after it is certified.',
  valuesConfig: {
    NO_CHANGES: { description: 'No changes: later signatures are refused with DOCUMENT_LOCKED.' },
    FORM_FILLING: { description: 'Form filling and further signatures.' },
    ANNOTATIONS: { description: 'Form filling, signatures and annotations.' },
  },
});

/** Which occurrences of a keyword receive the seal. */
export enum KeywordOccurrence {
  FIRST = 'FIRST',
  LAST = 'LAST',
  ALL = 'ALL',
}

registerEnumType(KeywordOccurrence, {
  name: 'KeywordOccurrence',
  description: 'Which occurrences of a keyword get a seal.',
});

/** The page edge a cross-page seal (骑缝章) straddles. */
export enum PageEdge {
  LEFT = 'LEFT',
  RIGHT = 'RIGHT',
}

registerEnumType(PageEdge, { name: 'PageEdge', description: 'Edge of the displayed page.' });
