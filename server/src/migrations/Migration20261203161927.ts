import { Migration } from '@mikro-orm/migrations';

export class Migration20261203161927 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "document_revision" add column "whole" boolean not null default true;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "document_revision" drop column "whole";`);
  }
}
