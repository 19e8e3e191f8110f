import { Field, InputType } from 'type-graphql';
import { ExportFormat } from '../export/export-format.enum';
import { SealFilter } from './seal-filter.input';

@InputType({ description: 'Which of your seals to export, and in what format.' })
export class ExportSealsInput {
  @Field(() => ExportFormat)
  format!: ExportFormat;

  @Field(() => SealFilter, { nullable: true, description: 'Every seal when absent.' })
  filter?: SealFilter | null;
}
