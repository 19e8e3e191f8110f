import { Migration } from '@mikro-orm/migrations';

export class Migration20261203145040 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(`alter table "seal" drop constraint if exists "seal_key_algorithm_check";`);

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal" add constraint "seal_key_algorithm_check" check("key_algorithm" in ('RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256', 'EC_P384'));`,
    );

    this.addSql(`alter table "seal_certificate" add column "imported_chain" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(`alter table "seal" drop constraint if exists "seal_key_algorithm_check";`);

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal" add constraint "seal_key_algorithm_check" check("key_algorithm" in ('RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256'));`,
    );

    this.addSql(`alter table "seal_certificate" drop column "imported_chain";`);
  }
}
