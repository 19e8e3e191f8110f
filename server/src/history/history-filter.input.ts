import { Field, ID, InputType } from 'type-graphql';
import { HistoryAction } from './history-action.enum';

@InputType({ description: 'Which events to list or export; every given condition must hold.' })
export class HistoryFilter {
  @Field(() => ID, { nullable: true, description: 'Events about this seal.' })
  sealId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events about this document.' })
  documentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events this user did.' })
  actorId?: string | null;

  @Field(() => HistoryAction, { nullable: true, description: 'Events of this action.' })
  action?: HistoryAction | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events at or before this time.' })
  to?: Date | null;
}
