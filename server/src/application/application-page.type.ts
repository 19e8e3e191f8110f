import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { Application } from './application.entity';

@ObjectType({ description: 'One page of applications, with the total over all pages.' })
export class ApplicationPage {
  @Field(() => [Application], { description: 'The applications of this page, newest first.' })
  items!: Application[];

  @Field(() => PageInfo, { description: 'Where this page ends, to continue with `page.after`.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many applications match the filter, over all pages.' })
  totalCount!: number;
}
