import { Migration } from '@mikro-orm/migrations';

export class Migration20261203155716 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal" add column "seal_code" varchar(13) null, add column "taxpayer_number" varchar(20) null, add column "image_source" text check ("image_source" in ('DRAWN', 'UPLOADED')) not null default 'DRAWN';`,
    );
    this.addSql(`alter table "seal" alter column "image_svg" type text using ("image_svg"::text);`);
    this.addSql(`alter table "seal" alter column "image_svg" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal" drop column "seal_code", drop column "taxpayer_number", drop column "image_source";`,
    );

    this.addSql(`alter table "seal" alter column "image_svg" type text using ("image_svg"::text);`);
    this.addSql(`alter table "seal" alter column "image_svg" set not null;`);
  }
}
