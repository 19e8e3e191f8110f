import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Where the seal goes, as the page is displayed.' })
export class PlacementInput {
  @Field(() => Int, { description: '1-based page number.' })
  page!: number;

  @Field(() => Float, {
    description: 'Centre of the seal: points (1/72 in) from the left edge of the displayed page.',
  })
  x!: number;

  @Field(() => Float, {
    description: 'Centre of the seal: points from the top edge of the displayed page.',
  })
  y!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Displayed width in points; defaults to the seal's real size (e.g. 42 mm).",
  })
  width?: number | null;
}

@InputType({ description: 'Sign a document with a seal.' })
export class SignDocumentInput {
  @Field(() => ID)
  documentId!: string;

  @Field(() => ID)
  sealId!: string;

  @Field(() => PlacementInput)
  placement!: PlacementInput;

  @Field({ description: 'Name of the person signing, 1–64 characters.' })
  signerName!: string;

  @Field(() => String, { nullable: true, description: 'Reason, e.g. 同意 / Approved.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it was signed.' })
  location?: string | null;
}
