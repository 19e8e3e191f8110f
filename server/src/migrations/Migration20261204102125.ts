import { Migration } from '@mikro-orm/migrations';

export class Migration20261204102125 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organization" ("id" uuid not null, "name" varchar(64) not null, "unified_social_credit_code" varchar(18) not null, "legal_representative" varchar(32) not null, "created_by_id" uuid not null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "organization" add constraint "organization_unified_social_credit_code_unique" unique ("unified_social_credit_code");`,
    );

    this.addSql(
      `create table "organization_member" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "role" text check ("role" in ('ORG_ADMIN', 'SEAL_KEEPER', 'MEMBER')) not null, "joined_at" timestamptz not null, constraint "organization_member_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "organization_member_user_id_index" on "organization_member" ("user_id");`,
    );
    this.addSql(
      `alter table "organization_member" add constraint "organization_member_organization_id_user_id_unique" unique ("organization_id", "user_id");`,
    );

    this.addSql(
      `alter table "organization" add constraint "organization_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "organization_member" add constraint "organization_member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "organization_member" add constraint "organization_member_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED'));`,
    );

    this.addSql(`alter table "seal" add column "organization_id" uuid null;`);
    this.addSql(
      `alter table "seal" add constraint "seal_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `create index "seal_organization_id_created_at_index" on "seal" ("organization_id", "created_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "organization_member" drop constraint "organization_member_organization_id_foreign";`,
    );

    this.addSql(`alter table "seal" drop constraint "seal_organization_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "organization_member" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED'));`,
    );

    this.addSql(`drop index "seal_organization_id_created_at_index";`);
    this.addSql(`alter table "seal" drop column "organization_id";`);
  }
}
