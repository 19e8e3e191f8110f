import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a cursor connection ends, and whether more follow.' })
export class PageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null when the page is empty.',
  })
  endCursor!: string | null;

  @Field({ description: 'Whether items follow this page.' })
  hasNextPage!: boolean;
}
