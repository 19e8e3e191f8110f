import { Field, Float, ID, InputType, Int } from 'type-graphql';
import {
  CertificationLevel,
  KeywordOccurrence,
  PageEdge,
  SignatureLevel,
} from './signing-options.enum';

@InputType({
  description:
    'Where a seal goes: either `page`, `x`, `y` (its centre, as the page is displayed), or a `keyword` to centre it on.',
})
export class PlacementInput {
  @Field(() => Int, { nullable: true, description: '1-based page number (with x and y).' })
  page?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Centre of the seal: points (1/72 in) from the left edge of the displayed page.',
  })
  x?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Centre of the seal: points from the top edge of the displayed page.',
  })
  y?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Displayed width in points; defaults to the seal's real size (e.g. 42 mm).",
  })
  width?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text to centre the seal on, e.g. 盖章处; KEYWORD_NOT_FOUND when absent.',
  })
  keyword?: string | null;

  @Field(() => KeywordOccurrence, { nullable: true, description: 'Default FIRST.' })
  occurrence?: KeywordOccurrence | null;

  @Field(() => Float, { nullable: true, description: 'Points to the right of the keyword.' })
  offsetX?: number | null;

  @Field(() => Float, { nullable: true, description: 'Points below the keyword.' })
  offsetY?: number | null;
}

@InputType({
  description:
    'A cross-page seal (骑缝章): the seal cut into one slice per page, at the page edge, so the pages fanned out show it whole.',
})
export class CrossPageInput {
  @Field(() => [Int], { nullable: true, description: 'Pages in order; default every page.' })
  pages?: number[] | null;

  @Field(() => PageEdge, { defaultValue: PageEdge.RIGHT })
  edge: PageEdge = PageEdge.RIGHT;

  @Field(() => Float, {
    nullable: true,
    description:
      'Centre of the seal in points from the top of each page (kept on the page); default the middle of the first page, so that the slices line up.',
  })
  verticalPosition?: number | null;

  @Field(() => Float, { nullable: true, description: 'Seal width in points; default real size.' })
  width?: number | null;
}

@InputType({ description: 'A line of text drawn under the seal.' })
export class CaptionInput {
  @Field(() => String, {
    nullable: true,
    description: 'Caption text; default the signer name and the signing date.',
  })
  text?: string | null;
}

@InputType({ description: 'Sign a document with a seal: one signature, one or more seal images.' })
export class SignDocumentInput {
  @Field(() => ID)
  documentId!: string;

  @Field(() => ID)
  sealId!: string;

  @Field(() => PlacementInput, { nullable: true, description: 'One place for the seal.' })
  placement?: PlacementInput | null;

  @Field(() => [PlacementInput], {
    nullable: true,
    description: 'Several places for the same seal, all in this one signature.',
  })
  placements?: PlacementInput[] | null;

  @Field(() => CrossPageInput, { nullable: true, description: 'A cross-page seal (骑缝章).' })
  crossPage?: CrossPageInput | null;

  @Field(() => CaptionInput, {
    nullable: true,
    description: 'A caption under each whole seal image.',
  })
  caption?: CaptionInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Sign into this existing empty signature field (its own place unless a placement is given), or name the new field.',
  })
  fieldName?: string | null;

  @Field(() => CertificationLevel, {
    nullable: true,
    description: 'Make this first signature a certification (DocMDP) with these permissions.',
  })
  certify?: CertificationLevel | null;

  @Field(() => SignatureLevel, {
    nullable: true,
    description: 'PAdES level; default B_T when a time-stamp authority is configured, else B_B.',
  })
  level?: SignatureLevel | null;

  @Field({
    defaultValue: false,
    description:
      'When the time-stamp authority fails, sign at B_B instead of failing with TIMESTAMP_UNAVAILABLE.',
  })
  acceptBaselineLevel: boolean = false;

  @Field(() => String, { nullable: true, description: "The PDF's password, if it has one." })
  password?: string | null;

  @Field({
    description:
      "The seal's PIN; 5 wrong ones in a row lock the seal for a while (BAD_PIN, SEAL_LOCKED).",
  })
  pin!: string;

  @Field({ description: 'Name of the person signing, 1–64 characters.' })
  signerName!: string;

  @Field(() => String, { nullable: true, description: 'Reason, e.g. 同意 / Approved.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was signed.' })
  location?: string | null;
}
