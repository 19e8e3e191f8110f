import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { Organization } from './organization.entity';

@ObjectType({ description: 'One page of organisations, with the total over all pages.' })
export class OrganizationPage {
  @Field(() => [Organization], { description: 'The organisations of this page, by name.' })
  items!: Organization[];

  @Field(() => PageInfo, { description: 'Where this page ends, to continue with `page.after`.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many organisations there are to list, over all pages.' })
  totalCount!: number;
}
