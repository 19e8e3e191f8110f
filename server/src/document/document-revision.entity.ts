import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { newId } from '../common/ids';
import { Document } from './document.entity';

/**
 * The bytes of one revision of a document. Each signature appends an incremental update, so every
 * revision starts with the bytes of the one before; all are kept for audit and verification.
 */
@Entity()
@Unique({ properties: ['document', 'number'] })
export class DocumentRevision {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Document, { ref: true })
  document!: Ref<Document>;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ length: 64 })
  sha256!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
