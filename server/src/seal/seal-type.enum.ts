import { registerEnumType } from 'type-graphql';

/** The kinds of seal the platform issues, after the national seal conventions. */
export enum SealType {
  OFFICIAL = 'OFFICIAL',
  CONTRACT = 'CONTRACT',
  FINANCE = 'FINANCE',
  INVOICE = 'INVOICE',
  LEGAL_REPRESENTATIVE = 'LEGAL_REPRESENTATIVE',
  PERSONAL = 'PERSONAL',
  HANDWRITTEN = 'HANDWRITTEN',
}

/** Seals held by an organisation; the others belong to a person. */
export const ORGANIZATION_SEAL_TYPES: ReadonlySet<SealType> = new Set([
  SealType.OFFICIAL,
  SealType.CONTRACT,
  SealType.FINANCE,
  SealType.INVOICE,
  SealType.LEGAL_REPRESENTATIVE,
]);

registerEnumType(SealType, {
  name: 'SealType',
  description: 'What a seal is for; decides how its image is drawn.',
  valuesConfig: {
    OFFICIAL: { description: 'Company official seal (公章), 42 mm round with a star.' },
    CONTRACT: { description: 'Contract seal (合同专用章), 40 mm round with a star.' },
    FINANCE: { description: 'Finance seal (财务专用章), 40 mm round with a star.' },
    INVOICE: { description: 'Invoice seal (发票专用章), 40×30 mm oval.' },
    LEGAL_REPRESENTATIVE: {
      description:
        "Legal representative seal (法定代表人章), square; held by the organisation, bearing its legal representative's name.",
    },
    PERSONAL: { description: 'Personal name seal (个人名章), square.' },
    HANDWRITTEN: {
      description:
        'Handwritten signature (手写签名), from an uploaded image of the hand; never drawn.',
    },
  },
});
