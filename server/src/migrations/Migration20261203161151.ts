import { Migration } from '@mikro-orm/migrations';

export class Migration20261203161151 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "export" ("id" uuid not null, "owner_id" uuid not null, "format" text check ("format" in ('CSV', 'JSON', 'XLSX')) not null, "file_name" varchar(128) not null, "content_type" varchar(128) not null, "content" bytea not null, "row_count" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, constraint "export_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "export_owner_id_index" on "export" ("owner_id");`);
    this.addSql(`create index "export_expires_at_index" on "export" ("expires_at");`);

    this.addSql(
      `alter table "export" add constraint "export_owner_id_foreign" foreign key ("owner_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "export" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );
  }
}
