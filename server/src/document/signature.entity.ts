import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { SealPermission } from '../seal/permission/seal-permission.entity';
import { SealCertificate } from '../seal/seal-certificate.entity';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';
import { Document } from './document.entity';
import { SignatureLevel } from './signing-options.enum';

@ObjectType({ description: 'A digital signature with a visible seal, applied to a document.' })
@Entity()
@Index({ properties: ['seal', 'signedAt'] })
export class Signature {
  [OptionalProps]?: 'reason' | 'location' | 'level' | 'pages' | 'permission';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Document, { ref: true, index: true })
  document!: Ref<Document>;

  @ManyToOne(() => Seal, { ref: true, index: true })
  seal!: Ref<Seal>;

  @ManyToOne(() => SealCertificate, { ref: true })
  certificate!: Ref<SealCertificate>;

  @ManyToOne(() => User, { ref: true })
  signer!: Ref<User>;

  /** The grant the signer signed under; null when they signed as the seal's keeper. */
  @ManyToOne(() => SealPermission, { ref: true, nullable: true, index: true })
  permission: Ref<SealPermission> | null = null;

  @Field(() => Int, { description: 'Document revision this signature produced.' })
  @Property({ type: 'integer' })
  revision!: number;

  @Field({ description: 'Name of the signature field in the PDF.' })
  @Property({ length: 128 })
  fieldName!: string;

  @Field(() => Int, { description: '1-based page the seal is on.' })
  @Property({ type: 'integer' })
  page!: number;

  @Field(() => Float, {
    description: 'Seal centre, points from the left edge of the displayed page.',
  })
  @Property({ type: 'double' })
  x!: number;

  @Field(() => Float, {
    description: 'Seal centre, points from the top edge of the displayed page.',
  })
  @Property({ type: 'double' })
  y!: number;

  @Field(() => Float, { description: 'Displayed seal width in points.' })
  @Property({ type: 'double' })
  width!: number;

  @Field({ description: 'When it was signed (the /M of the signature dictionary).' })
  @Property({ type: 'datetime' })
  signedAt!: Date;

  @Field({ description: 'Signer name as entered when signing.' })
  @Property({ length: 128 })
  signerName!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 256, nullable: true })
  reason: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 256, nullable: true })
  location: string | null = null;

  @Field(() => SignatureLevel, { description: 'The PAdES level the signature reached.' })
  @Enum({ items: () => SignatureLevel, default: SignatureLevel.B_B })
  level: SignatureLevel = SignatureLevel.B_B;

  @Field(() => [Int], { description: "Every page showing this signature's seal, in order." })
  @Property({ type: 'json' })
  pages: number[] = [];

  @Field(() => [Int], { description: 'The /ByteRange the signature covers.' })
  @Property({ type: 'json' })
  byteRange!: number[];
}
