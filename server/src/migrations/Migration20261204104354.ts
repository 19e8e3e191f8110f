import { Migration } from '@mikro-orm/migrations';

export class Migration20261204104354 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "seal_permission" ("id" uuid not null, "seal_id" uuid not null, "grantee_id" uuid not null, "granted_by_id" uuid not null, "valid_from" timestamptz not null, "valid_to" timestamptz not null, "max_uses" int null, "used_count" int not null default 0, "note" varchar(256) null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, "revoke_reason" varchar(256) null, "announced_start_at" timestamptz null, "announced_end_at" timestamptz null, "created_at" timestamptz not null, constraint "seal_permission_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "seal_permission_end_unannounced_index" on "seal_permission" ("valid_to") where "announced_end_at" is null;`,
    );
    this.addSql(
      `create index "seal_permission_start_unannounced_index" on "seal_permission" ("valid_from") where "announced_start_at" is null;`,
    );
    this.addSql(
      `create index "seal_permission_grantee_id_created_at_index" on "seal_permission" ("grantee_id", "created_at");`,
    );
    this.addSql(
      `create index "seal_permission_seal_id_created_at_index" on "seal_permission" ("seal_id", "created_at");`,
    );
    this.addSql(
      `create index "seal_permission_seal_id_grantee_id_index" on "seal_permission" ("seal_id", "grantee_id");`,
    );

    this.addSql(
      `alter table "seal_permission" add constraint "seal_permission_seal_id_foreign" foreign key ("seal_id") references "seal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "seal_permission" add constraint "seal_permission_grantee_id_foreign" foreign key ("grantee_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "seal_permission" add constraint "seal_permission_granted_by_id_foreign" foreign key ("granted_by_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "seal_permission" add constraint "seal_permission_revoked_by_id_foreign" foreign key ("revoked_by_id") references "user" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED', 'PERMISSION_GRANTED', 'PERMISSION_REVOKED'));`,
    );

    this.addSql(
      `alter table "seal" add column "expiring_announced_at" timestamptz null, add column "expired_announced_at" timestamptz null;`,
    );
    // Seals deleted or expired before announcements existed are not announced on the first tick.
    this.addSql(
      `update "seal" set "expiring_announced_at" = now(), "expired_announced_at" = now() where "revoked_at" is not null or "valid_to" < now();`,
    );
    this.addSql(
      `create index "seal_expired_unannounced_index" on "seal" ("valid_to") where "expired_announced_at" is null;`,
    );
    this.addSql(
      `create index "seal_expiring_unannounced_index" on "seal" ("valid_to") where "expiring_announced_at" is null;`,
    );

    this.addSql(`alter table "signature" add column "permission_id" uuid null;`);
    this.addSql(
      `alter table "signature" add constraint "signature_permission_id_foreign" foreign key ("permission_id") references "seal_permission" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "signature_permission_id_index" on "signature" ("permission_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "signature" drop constraint "signature_permission_id_foreign";`);

    this.addSql(`drop table if exists "seal_permission" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED'));`,
    );

    this.addSql(`drop index "seal_expired_unannounced_index";`);
    this.addSql(`drop index "seal_expiring_unannounced_index";`);
    this.addSql(
      `alter table "seal" drop column "expiring_announced_at", drop column "expired_announced_at";`,
    );

    this.addSql(`drop index "signature_permission_id_index";`);
    this.addSql(`alter table "signature" drop column "permission_id";`);
  }
}
