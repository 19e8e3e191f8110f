import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type';
import { HistoryEvent } from './history-event.entity';

@ObjectType({ description: 'An event and where it stands in the list.' })
export class HistoryEventEdge {
  @Field({ description: 'Opaque: pass it as `after` to continue from here.' })
  cursor!: string;

  @Field(() => HistoryEvent, { description: 'The event.' })
  node!: HistoryEvent;
}

@ObjectType({ description: 'A page of events, newest first, with the total of the whole list.' })
export class HistoryEventConnection {
  @Field(() => [HistoryEventEdge], { description: 'The events of this page, newest first.' })
  edges!: HistoryEventEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many events match the filter, over all pages.' })
  totalCount!: number;
}
