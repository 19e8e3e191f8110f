import { Migration } from '@mikro-orm/migrations';

export class Migration20261204103850 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "application" ("id" uuid not null, "type" text check ("type" in ('NEW_SEAL', 'RENEW_SEAL', 'CHANGE_SEAL', 'CANCEL_SEAL')) not null, "status" text check ("status" in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')) not null default 'PENDING', "applicant_id" uuid not null, "organization_id" uuid null, "seal_id" uuid null, "form" jsonb not null, "pin_hash" varchar(255) null, "submitted_at" timestamptz not null, "reviewer_id" uuid null, "reviewed_at" timestamptz null, "review_note" text null, "withdrawn_at" timestamptz null, "result_seal_id" uuid null, constraint "application_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "application_organization_id_submitted_at_index" on "application" ("organization_id", "submitted_at");`,
    );
    this.addSql(
      `create index "application_applicant_id_submitted_at_index" on "application" ("applicant_id", "submitted_at");`,
    );
    this.addSql(
      `create index "application_status_submitted_at_index" on "application" ("status", "submitted_at");`,
    );

    this.addSql(
      `create table "application_attachment" ("id" uuid not null, "application_id" uuid not null, "position" smallint not null, "file_name" varchar(128) not null, "content_type" varchar(32) not null, "size_bytes" int not null, "sha256" varchar(64) not null, "content" bytea not null, "created_at" timestamptz not null, constraint "application_attachment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "application_attachment" add constraint "application_attachment_application_id_position_unique" unique ("application_id", "position");`,
    );

    this.addSql(
      `alter table "application" add constraint "application_applicant_id_foreign" foreign key ("applicant_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_seal_id_foreign" foreign key ("seal_id") references "seal" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_reviewer_id_foreign" foreign key ("reviewer_id") references "user" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "application" add constraint "application_result_seal_id_foreign" foreign key ("result_seal_id") references "seal" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "application_attachment" add constraint "application_attachment_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED', 'APPLICATION_SUBMITTED', 'APPLICATION_APPROVED', 'APPLICATION_REJECTED', 'APPLICATION_WITHDRAWN'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "application_attachment" drop constraint "application_attachment_application_id_foreign";`,
    );

    this.addSql(`drop table if exists "application" cascade;`);

    this.addSql(`drop table if exists "application_attachment" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED'));`,
    );
  }
}
