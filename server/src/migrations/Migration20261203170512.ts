import { Migration } from '@mikro-orm/migrations';

export class Migration20261203170512 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "trust_anchor" ("id" uuid not null, "der" bytea not null, "subject" varchar(1024) not null, "fingerprint_sha256" varchar(64) not null, "not_after" timestamptz not null, "note" text null, "added_by_id" uuid not null, "added_at" timestamptz not null, constraint "trust_anchor_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "trust_anchor" add constraint "trust_anchor_fingerprint_sha256_unique" unique ("fingerprint_sha256");`,
    );

    this.addSql(
      `alter table "trust_anchor" add constraint "trust_anchor_added_by_id_foreign" foreign key ("added_by_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "trust_anchor" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED'));`,
    );
  }
}
