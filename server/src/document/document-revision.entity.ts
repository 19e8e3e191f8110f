import {
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { newId } from '../common/ids';
import { Document } from './document.entity';

/**
 * One revision of a document. Each signature appends an incremental update, so every revision
 * starts with the bytes of the one before; a revision stores only what it appended, and the file
 * of revision n is the join of revisions 1..n. A revision that is a whole file (the upload, or a
 * damaged file rebuilt before its first signature) starts the join afresh. Earlier bytes are thus
 * stored once, however many times a large document is signed, and cannot differ between
 * revisions.
 */
@Entity()
@Unique({ properties: ['document', 'number'] })
export class DocumentRevision {
  [OptionalProps]?: 'whole';

  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Document, { ref: true })
  document!: Ref<Document>;

  @Property({ type: 'integer' })
  number!: number;

  /** What this revision appended to the one before, or the whole file when `whole`. */
  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'boolean' })
  whole = true;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ length: 64 })
  sha256!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
