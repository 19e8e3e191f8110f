import { Field, ID, InputType, Int } from 'type-graphql';
import { SealStatus } from './seal-status.enum';
import { SealType } from './seal-type.enum';

@InputType({ description: 'Which seals to list or export; every given condition must hold.' })
export class SealFilter {
  @Field(() => SealStatus, { nullable: true, description: 'Status now, as `Seal.status`.' })
  status?: SealStatus | null;

  @Field(() => SealType, { nullable: true })
  type?: SealType | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: validity has ended; false: validity has not ended (revoked or not).',
  })
  expired?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Not revoked and validity ends within this many days from now, 1–3650.',
  })
  expiringWithinDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only seals you may sign with now (you keep them, or hold an ACTIVE grant on them, and they are ACTIVE or EXPIRING); false: the others.',
  })
  usable?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Seals kept by this account, among those you may see.',
  })
  ownerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Only this organisation's seals; you must be its member (FORBIDDEN otherwise). Without it: the seals you keep, those of your organisations, and personal seals you hold a grant on.",
  })
  organizationId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text in the seal name or owner name, case-insensitive; 1–64 characters.',
  })
  search?: string | null;
}
