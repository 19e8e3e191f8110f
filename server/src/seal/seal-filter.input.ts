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

  @Field(() => ID, {
    nullable: true,
    description:
      'Seals of this owner; for now only yourself may be named (FORBIDDEN otherwise), organisation administrators to follow.',
  })
  ownerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Text in the seal name or owner name, case-insensitive; 1–64 characters.',
  })
  search?: string | null;
}
