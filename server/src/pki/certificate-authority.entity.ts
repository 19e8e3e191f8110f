import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { newId } from '../common/ids';
import { WrappedKey } from './wrapped-key.entity';

export enum AuthorityRole {
  ROOT = 'ROOT',
  ISSUING = 'ISSUING',
  /** The platform's own time-stamping unit, certified by the issuing CA. */
  TSA = 'TSA',
}

/** One of the platform's own CA certificates with its wrapped key. */
@Entity()
export class CertificateAuthority {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Enum({ items: () => AuthorityRole })
  role!: AuthorityRole;

  @Property({ length: 512 })
  subject!: string;

  @Property({ type: 'blob' })
  certificateDer!: Buffer;

  @ManyToOne(() => WrappedKey, { ref: true })
  key!: Ref<WrappedKey>;

  @Property({ type: 'datetime' })
  notAfter!: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
