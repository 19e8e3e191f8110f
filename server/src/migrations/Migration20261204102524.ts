import { Migration } from '@mikro-orm/migrations';

export class Migration20261204102524 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "refresh_token" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, constraint "refresh_token_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);
    this.addSql(`create index "refresh_token_family_id_index" on "refresh_token" ("family_id");`);
    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_token_hash_unique" unique ("token_hash");`,
    );

    this.addSql(
      `create table "verification_code" ("id" uuid not null, "channel" text check ("channel" in ('EMAIL', 'SMS')) not null, "target" varchar(254) not null, "purpose" text check ("purpose" in ('REGISTER', 'RESET_PASSWORD')) not null, "code_hash" varchar(64) not null, "failed_attempts" int not null default 0, "ip" varchar(64) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "used_at" timestamptz null, constraint "verification_code_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "verification_code_ip_created_at_index" on "verification_code" ("ip", "created_at");`,
    );
    this.addSql(
      `create index "verification_code_target_channel_created_at_index" on "verification_code" ("target", "channel", "created_at");`,
    );

    this.addSql(
      `alter table "refresh_token" add constraint "refresh_token_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'VERIFICATION_CODE_SENT', 'TOKEN_REFRESHED', 'REFRESH_TOKEN_REUSED', 'LOGGED_OUT', 'ACCOUNT_LOCKED', 'PASSWORD_RESET', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED'));`,
    );

    this.addSql(
      `alter table "user" add column "email_verified_at" timestamptz null, add column "phone_verified_at" timestamptz null, add column "failed_login_attempts" int not null default 0, add column "locked_until" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "refresh_token" cascade;`);

    this.addSql(`drop table if exists "verification_code" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED'));`,
    );

    this.addSql(
      `alter table "user" drop column "email_verified_at", drop column "phone_verified_at", drop column "failed_login_attempts", drop column "locked_until";`,
    );
  }
}
