import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../common/page-info.type';
import { SealPermission } from './seal-permission.entity';

@ObjectType({ description: 'One page of grants, with the total over all pages.' })
export class SealPermissionPage {
  @Field(() => [SealPermission], { description: 'The grants of this page, newest first.' })
  items!: SealPermission[];

  @Field(() => PageInfo, { description: 'Where this page ends, to continue with `page.after`.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many grants match the filter, over all pages.' })
  totalCount!: number;
}
