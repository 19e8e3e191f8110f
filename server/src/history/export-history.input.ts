import { Field, InputType } from 'type-graphql';
import { ExportFormat } from '../export/export-format.enum';
import { HistoryFilter } from './history-filter.input';

@InputType({ description: 'Which of the events you may see to export, and in what format.' })
export class ExportHistoryInput {
  @Field(() => ExportFormat, { description: 'The file format.' })
  format!: ExportFormat;

  @Field(() => HistoryFilter, {
    nullable: true,
    description: 'Every event you may see when absent.',
  })
  filter?: HistoryFilter | null;
}
