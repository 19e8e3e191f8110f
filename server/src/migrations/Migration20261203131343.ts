import { Migration } from '@mikro-orm/migrations';

export class Migration20261203131343 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "history_event" ("id" uuid not null, "action" text check ("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED')) not null, "actor_id" uuid null, "seal_id" uuid null, "document_id" uuid null, "payload" jsonb not null, "ip" varchar(64) null, "user_agent" varchar(512) null, "request_id" varchar(64) null, "at" timestamptz not null, constraint "history_event_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "history_event_actor_id_index" on "history_event" ("actor_id");`);
    this.addSql(
      `create index "history_event_document_id_at_index" on "history_event" ("document_id", "at");`,
    );
    this.addSql(
      `create index "history_event_seal_id_at_index" on "history_event" ("seal_id", "at");`,
    );

    this.addSql(
      `create table "user" ("id" uuid not null, "username" varchar(64) not null, "password_hash" varchar(255) not null, "display_name" varchar(128) not null, "email" varchar(254) null, "phone" varchar(20) null, "created_at" timestamptz not null, constraint "user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "user" add constraint "user_username_unique" unique ("username");`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);
    this.addSql(`alter table "user" add constraint "user_phone_unique" unique ("phone");`);

    this.addSql(
      `create table "document" ("id" uuid not null, "owner_id" uuid not null, "title" varchar(256) not null, "file_name" varchar(256) not null, "page_count" int not null, "revision" int not null default 1, "size_bytes" int not null, "sha256" varchar(64) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "document_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "document_owner_id_index" on "document" ("owner_id");`);

    this.addSql(
      `create table "document_revision" ("id" uuid not null, "document_id" uuid not null, "number" int not null, "content" bytea not null, "size_bytes" int not null, "sha256" varchar(64) not null, "created_at" timestamptz not null, constraint "document_revision_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "document_revision" add constraint "document_revision_document_id_number_unique" unique ("document_id", "number");`,
    );

    this.addSql(
      `create table "wrapped_key" ("id" uuid not null, "algorithm" varchar(16) not null, "master_key_id" varchar(16) not null, "wrapped_data_key" bytea null, "encrypted_key" bytea null, "created_at" timestamptz not null, "destroyed_at" timestamptz null, constraint "wrapped_key_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "seal" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(64) not null, "type" text check ("type" in ('OFFICIAL', 'CONTRACT', 'FINANCE', 'INVOICE', 'LEGAL_REPRESENTATIVE', 'PERSONAL', 'HANDWRITTEN')) not null, "owner_name" varchar(128) not null, "key_algorithm" text check ("key_algorithm" in ('RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_P256')) not null, "valid_from" timestamptz not null, "valid_to" timestamptz not null, "usage_count" int not null default 0, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "key_id" uuid not null, "certificate_id" uuid null, "image_png" bytea not null, "image_svg" text not null, "image_width_pt" double precision not null, "image_height_pt" double precision not null, "created_at" timestamptz not null, constraint "seal_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "seal_owner_id_index" on "seal" ("owner_id");`);

    this.addSql(
      `create table "seal_certificate" ("id" uuid not null, "seal_id" uuid not null, "serial_number" varchar(64) not null, "subject" varchar(1024) not null, "issuer" varchar(1024) not null, "not_before" timestamptz not null, "not_after" timestamptz not null, "fingerprint_sha256" varchar(64) not null, "der" bytea not null, constraint "seal_certificate_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "seal_certificate" add constraint "seal_certificate_serial_number_unique" unique ("serial_number");`,
    );

    this.addSql(
      `create table "signature" ("id" uuid not null, "document_id" uuid not null, "seal_id" uuid not null, "certificate_id" uuid not null, "signer_id" uuid not null, "revision" int not null, "field_name" varchar(128) not null, "page" int not null, "x" double precision not null, "y" double precision not null, "width" double precision not null, "signed_at" timestamptz not null, "signer_name" varchar(128) not null, "reason" varchar(256) null, "location" varchar(256) null, "byte_range" jsonb not null, constraint "signature_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "signature_document_id_index" on "signature" ("document_id");`);
    this.addSql(`create index "signature_seal_id_index" on "signature" ("seal_id");`);

    this.addSql(
      `create table "certificate_authority" ("id" uuid not null, "role" text check ("role" in ('ROOT', 'ISSUING')) not null, "subject" varchar(512) not null, "certificate_der" bytea not null, "key_id" uuid not null, "not_after" timestamptz not null, "created_at" timestamptz not null, constraint "certificate_authority_pkey" primary key ("id"));`,
    );

    this.addSql(
      `alter table "document" add constraint "document_owner_id_foreign" foreign key ("owner_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "document_revision" add constraint "document_revision_document_id_foreign" foreign key ("document_id") references "document" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "seal" add constraint "seal_owner_id_foreign" foreign key ("owner_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "seal" add constraint "seal_key_id_foreign" foreign key ("key_id") references "wrapped_key" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "seal" add constraint "seal_certificate_id_foreign" foreign key ("certificate_id") references "seal_certificate" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "seal_certificate" add constraint "seal_certificate_seal_id_foreign" foreign key ("seal_id") references "seal" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "signature" add constraint "signature_document_id_foreign" foreign key ("document_id") references "document" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signature" add constraint "signature_seal_id_foreign" foreign key ("seal_id") references "seal" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signature" add constraint "signature_certificate_id_foreign" foreign key ("certificate_id") references "seal_certificate" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signature" add constraint "signature_signer_id_foreign" foreign key ("signer_id") references "user" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "certificate_authority" add constraint "certificate_authority_key_id_foreign" foreign key ("key_id") references "wrapped_key" ("id") on update cascade;`,
    );
  }
}
