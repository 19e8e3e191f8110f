import {
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../common/ids';
import { Application } from './application.entity';

/**
 * A supporting document of an application (a business licence, an ID card, a letter of
 * authorisation), kept in the database like documents, so that any server process serves it.
 */
@ObjectType({ description: 'A file attached to an application: a PDF, PNG or JPEG.' })
@Entity()
@Unique({ properties: ['application', 'position'] })
export class ApplicationAttachment {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID, { description: 'The attachment.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Application, { ref: true })
  application!: Ref<Application>;

  /** Its place among the application's attachments, from 0, as they were given. */
  @Property({ type: 'smallint' })
  position!: number;

  @Field({ description: 'File name as given.' })
  @Property({ length: 128 })
  fileName!: string;

  @Field({
    description: 'application/pdf, image/png or image/jpeg, as judged by the content.',
  })
  @Property({ length: 32 })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Field({ description: 'SHA-256 of the content, hex.' })
  @Property({ length: 64 })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
