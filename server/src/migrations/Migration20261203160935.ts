import { Migration } from '@mikro-orm/migrations';

export class Migration20261203160935 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "seal_owner_id_valid_to_index" on "seal" ("owner_id", "valid_to");`);
    this.addSql(
      `create index "seal_owner_id_created_at_index" on "seal" ("owner_id", "created_at");`,
    );

    this.addSql(
      `create index "signature_seal_id_signed_at_index" on "signature" ("seal_id", "signed_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "seal_owner_id_valid_to_index";`);
    this.addSql(`drop index "seal_owner_id_created_at_index";`);

    this.addSql(`drop index "signature_seal_id_signed_at_index";`);
  }
}
