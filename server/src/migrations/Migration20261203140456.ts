import { Migration } from '@mikro-orm/migrations';

export class Migration20261203140456 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "certificate_authority" drop constraint if exists "certificate_authority_role_check";`,
    );

    this.addSql(`alter table "document" add column "encrypted" boolean not null default false;`);

    this.addSql(
      `alter table "signature" add column "level" text check ("level" in ('B_B', 'B_T', 'B_LT', 'B_LTA')) not null default 'B_B', add column "pages" jsonb not null default '[]';`,
    );
    // Signatures made before this migration showed their seal on their one page.
    this.addSql(`update "signature" set "pages" = jsonb_build_array("page");`);
    this.addSql(`alter table "signature" alter column "pages" drop default;`);

    this.addSql(
      `alter table "certificate_authority" add constraint "certificate_authority_role_check" check("role" in ('ROOT', 'ISSUING', 'TSA'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "certificate_authority" drop constraint if exists "certificate_authority_role_check";`,
    );

    this.addSql(
      `alter table "certificate_authority" add constraint "certificate_authority_role_check" check("role" in ('ROOT', 'ISSUING'));`,
    );

    this.addSql(`alter table "document" drop column "encrypted";`);

    this.addSql(`alter table "signature" drop column "level", drop column "pages";`);
  }
}
