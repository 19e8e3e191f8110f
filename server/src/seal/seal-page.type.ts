import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { SealStatus } from './seal-status.enum';
import { Seal } from './seal.entity';

@ObjectType({ description: 'How many seals have one status.' })
export class SealStatusCount {
  @Field(() => SealStatus)
  status!: SealStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'One page of seals, with totals for the whole filtered list.' })
export class SealPage {
  @Field(() => [Seal], { description: 'The seals of this page, newest first.' })
  items!: Seal[];

  @Field(() => PageInfo, { description: 'Where this page ends, to continue with `page.after`.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many seals match the filter, over all pages.' })
  totalCount!: number;

  @Field(() => [SealStatusCount], {
    description:
      'Seals per status under every condition of the filter except `status`, for status tabs.',
  })
  counts!: SealStatusCount[];
}
