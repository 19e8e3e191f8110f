import {
  Entity,
  Enum,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { User } from '../user/user.entity';
import { ExportFormat } from './export-format.enum';

/**
 * A file of exported data, kept in the database rather than on disk so that any server process
 * can serve it and none keeps state of its own; it is deleted once expired.
 */
@ObjectType({ description: 'An exported file, downloadable by its owner until it expires.' })
@Entity()
export class Export {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => User, { ref: true, index: true })
  owner!: Ref<User>;

  @Field(() => ExportFormat)
  @Enum({ items: () => ExportFormat })
  format!: ExportFormat;

  @Field({ description: 'Name to save the file under.' })
  @Property({ length: 128 })
  fileName!: string;

  @Property({ length: 128 })
  contentType!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Field(() => Int, { description: 'Data rows in the file, headers not counted.' })
  @Property({ type: 'integer' })
  rowCount!: number;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Field({ description: 'After this the file is gone.' })
  @Property({ type: 'datetime', index: true })
  expiresAt!: Date;
}
