import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '../common/ids';

/**
 * A private key encrypted at rest by envelope encryption: the PKCS#8 key is sealed with its own
 * random data key (AES-256-GCM), and only the data key is sealed with the master key. Rotating the
 * master key rewraps data keys without touching the keys themselves.
 */
@Entity()
export class WrappedKey {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** e.g. RSA_2048, EC_P256 */
  @Property({ length: 16 })
  algorithm!: string;

  /** Identifies which master key wrapped the data key (first 8 bytes of its SHA-256, hex). */
  @Property({ length: 16 })
  masterKeyId!: string;

  /** iv(12) | tag(16) | ciphertext of the 32-byte data key. Null once destroyed. */
  @Property({ type: 'blob', nullable: true, lazy: true })
  wrappedDataKey: Buffer | null = null;

  /** iv(12) | tag(16) | ciphertext of the DER PKCS#8 private key. Null once destroyed. */
  @Property({ type: 'blob', nullable: true, lazy: true })
  encryptedKey: Buffer | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  destroyedAt: Date | null = null;
}
