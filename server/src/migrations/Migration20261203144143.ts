import { Migration } from '@mikro-orm/migrations';

export class Migration20261203144143 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal_certificate" add column "revoked_at" timestamptz null, add column "revocation_reason" varchar(32) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal_certificate" drop column "revoked_at", drop column "revocation_reason";`,
    );
  }
}
