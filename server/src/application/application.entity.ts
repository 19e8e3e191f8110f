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
import { Field, ID, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Organization } from '../organization/organization.entity';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';
import { ApplicationForm } from './application-form.type';
import { ApplicationStatus } from './application-status.enum';
import { ApplicationType } from './application-type.enum';

@ObjectType({
  description:
    'An application for e-seal business (电子印章业务申请): a new seal, a renewal, a change or a cancellation, carried out when a platform administrator approves it.',
})
@Entity()
// The review queue pages by status, an applicant's and an organisation's lists by time.
@Index({ properties: ['status', 'submittedAt'] })
@Index({ properties: ['applicant', 'submittedAt'] })
@Index({ properties: ['organization', 'submittedAt'] })
export class Application {
  [OptionalProps]?:
    | 'status'
    | 'organization'
    | 'seal'
    | 'pinHash'
    | 'submittedAt'
    | 'reviewer'
    | 'reviewedAt'
    | 'reviewNote'
    | 'withdrawnAt'
    | 'resultSeal';

  @Field(() => ID, { description: 'The application; quote it when asking about it.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Field(() => ApplicationType, { description: 'What it asks for.' })
  @Enum({ items: () => ApplicationType })
  type!: ApplicationType;

  @Field(() => ApplicationStatus, { description: 'Where it stands.' })
  @Enum({ items: () => ApplicationStatus, default: ApplicationStatus.PENDING })
  status: ApplicationStatus = ApplicationStatus.PENDING;

  /** Who applied; a new seal is kept by them. */
  @ManyToOne(() => User, { ref: true })
  applicant!: Ref<User>;

  /** The organisation a company seal belongs to, or the seal's; null for personal seals. */
  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization: Ref<Organization> | null = null;

  /** The seal to renew, change or cancel; null for NEW_SEAL. */
  @ManyToOne(() => Seal, { ref: true, nullable: true })
  seal: Ref<Seal> | null = null;

  @Field(() => ApplicationForm, { description: 'What the application asks, as checked.' })
  @Property({ type: 'json' })
  form!: ApplicationForm;

  /**
   * argon2id hash of a NEW_SEAL application's PIN, handed to the seal on approval and cleared
   * once the application is decided; the PIN itself is never stored.
   */
  @Property({ type: 'string', lazy: true, hidden: true, nullable: true })
  pinHash: string | null = null;

  @Field({ description: 'When it was submitted.' })
  @Property({ type: 'datetime' })
  submittedAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  reviewer: Ref<User> | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was approved or rejected.' })
  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: "The reviewer's note to the applicant." })
  @Property({ type: 'text', nullable: true })
  reviewNote: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the applicant withdrew it.' })
  @Property({ type: 'datetime', nullable: true })
  withdrawnAt: Date | null = null;

  /** The seal the approval made or changed. */
  @ManyToOne(() => Seal, { ref: true, nullable: true })
  resultSeal: Ref<Seal> | null = null;
}
