import { Migration } from '@mikro-orm/migrations';

const AGREEMENT_TITLE = '电子印章服务协议';

const AGREEMENT_BODY = `一、本平台为您制作、保管电子印章，并以您的名义在您上传的文件上加盖电子签章。
二、您应确保印章名称与所属单位或个人真实一致，并妥善保管账户密码与印章 PIN；凭正确 PIN 完成的签章视为您本人的行为。
三、印章私钥加密保存于平台，不会以任何形式导出；连续输错 PIN 将暂时锁定印章。
四、平台记录每次签章及相关操作（含时间、IP 地址与客户端信息）以备查验。
五、印章到期、吊销或删除后不能再签章，此前的签章仍可验证。

1. The platform makes and keeps electronic seals for you and applies them, in your name, to documents you upload.
2. You confirm that each seal's name and owner are true, and you keep your password and seal PINs secret; a signature made with the right PIN counts as your own act.
3. Seal private keys are stored encrypted on the platform and are never exported; repeated wrong PINs lock a seal for a while.
4. The platform records every signing and related action (time, IP address and client) as evidence.
5. An expired, revoked or deleted seal can no longer sign; signatures made before remain verifiable.`;

export class Migration20261203155435 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "agreement" ("id" uuid not null, "version" int not null, "title" varchar(128) not null, "body" text not null, "published_at" timestamptz not null, constraint "agreement_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "agreement" add constraint "agreement_version_unique" unique ("version");`,
    );

    this.addSql(
      `create table "agreement_acceptance" ("id" uuid not null, "user_id" uuid not null, "agreement_id" uuid not null, "accepted_at" timestamptz not null, "ip_address" varchar(64) null, "user_agent" varchar(512) null, constraint "agreement_acceptance_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "agreement_acceptance_agreement_id_index" on "agreement_acceptance" ("agreement_id");`,
    );
    this.addSql(
      `alter table "agreement_acceptance" add constraint "agreement_acceptance_user_id_agreement_id_unique" unique ("user_id", "agreement_id");`,
    );

    this.addSql(
      `alter table "agreement_acceptance" add constraint "agreement_acceptance_user_id_foreign" foreign key ("user_id") references "user" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "agreement_acceptance" add constraint "agreement_acceptance_agreement_id_foreign" foreign key ("agreement_id") references "agreement" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "user" add column "role" text check ("role" in ('USER', 'ADMIN')) not null default 'USER';`,
    );

    this.addSql(
      `alter table "seal" add column "pin_hash" varchar(255) null, add column "failed_pin_attempts" int not null default 0, add column "locked_until" timestamptz null;`,
    );

    // The first agreement, so that a fresh platform can be used at once; administrators publish
    // later versions through publishAgreement.
    this.addSql(
      this.getKnex()
        .insert({
          id: '5d1f0b8e-3c2a-4f6e-9a1d-7b4c2e8f0a11',
          version: 1,
          title: AGREEMENT_TITLE,
          body: AGREEMENT_BODY,
          published_at: this.getKnex().fn.now(),
        })
        .into('agreement'),
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "agreement_acceptance" drop constraint "agreement_acceptance_agreement_id_foreign";`,
    );

    this.addSql(`drop table if exists "agreement" cascade;`);

    this.addSql(`drop table if exists "agreement_acceptance" cascade;`);

    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED'));`,
    );

    this.addSql(
      `alter table "seal" drop column "pin_hash", drop column "failed_pin_attempts", drop column "locked_until";`,
    );

    this.addSql(`alter table "user" drop column "role";`);
  }
}
