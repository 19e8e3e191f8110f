import { Migration } from '@mikro-orm/migrations';
import { eventHash, type JsonValue } from '../history/history-chain';

/** An event as the table held it before the chain. */
interface UnchainedRow {
  id: string;
  action: string;
  actor_id: string | null;
  seal_id: string | null;
  document_id: string | null;
  payload: Record<string, JsonValue>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  at: Date;
}

/**
 * The history becomes one hash chain and append-only. Events already recorded are chained in
 * the order they happened (then by id), so an installation keeps its history; the indexes
 * follow the filters of the `history` query, newest (highest sequence) first; and a trigger
 * refuses UPDATE, DELETE and TRUNCATE, whoever the client.
 */
export class Migration20261204102559 extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      `alter table "history_event" add column "sequence" bigint null, add column "hash" varchar(64) null, add column "previous_hash" varchar(64) null;`,
    );
    await this.chainRecordedEvents();

    this.addSql(
      `alter table "history_event" alter column "sequence" set not null, alter column "hash" set not null;`,
    );
    this.addSql(`drop index "history_event_actor_id_index";`);
    this.addSql(`drop index "history_event_document_id_at_index";`);
    this.addSql(`drop index "history_event_seal_id_at_index";`);
    this.addSql(
      `alter table "history_event" add constraint "history_event_sequence_unique" unique ("sequence");`,
    );
    this.addSql(`create index "history_event_at_index" on "history_event" ("at");`);
    this.addSql(
      `create index "history_event_action_sequence_index" on "history_event" ("action", "sequence");`,
    );
    this.addSql(
      `create index "history_event_actor_id_sequence_index" on "history_event" ("actor_id", "sequence");`,
    );
    this.addSql(
      `create index "history_event_document_id_sequence_index" on "history_event" ("document_id", "sequence");`,
    );
    this.addSql(
      `create index "history_event_seal_id_sequence_index" on "history_event" ("seal_id", "sequence");`,
    );
    this
      .addSql(`create function "history_event_append_only"() returns trigger language plpgsql as $$
begin
  raise exception 'history_event is append-only: % refused', tg_op;
end
$$;`);
    this.addSql(
      `create trigger "history_event_append_only" before update or delete or truncate on "history_event" for each statement execute function "history_event_append_only"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger "history_event_append_only" on "history_event";`);
    this.addSql(`drop function "history_event_append_only"();`);
    this.addSql(`alter table "history_event" drop constraint "history_event_sequence_unique";`);
    this.addSql(`drop index "history_event_at_index";`);
    this.addSql(`drop index "history_event_action_sequence_index";`);
    this.addSql(`drop index "history_event_actor_id_sequence_index";`);
    this.addSql(`drop index "history_event_document_id_sequence_index";`);
    this.addSql(`drop index "history_event_seal_id_sequence_index";`);
    this.addSql(
      `alter table "history_event" drop column "sequence", drop column "hash", drop column "previous_hash";`,
    );

    this.addSql(`create index "history_event_actor_id_index" on "history_event" ("actor_id");`);
    this.addSql(
      `create index "history_event_document_id_at_index" on "history_event" ("document_id", "at");`,
    );
    this.addSql(
      `create index "history_event_seal_id_at_index" on "history_event" ("seal_id", "at");`,
    );
  }

  /** Gives each recorded event its sequence and hashes, as the application would have. */
  private async chainRecordedEvents(): Promise<void> {
    const rows = (await this.execute(
      `select id, action, actor_id, seal_id, document_id, payload, ip, user_agent, request_id, at
         from "history_event" order by at, id`,
    )) as UnchainedRow[];
    let previousHash: string | null = null;
    for (const [index, row] of rows.entries()) {
      const sequence = index + 1;
      const hash = eventHash({
        id: row.id,
        sequence,
        action: row.action,
        actorId: row.actor_id,
        sealId: row.seal_id,
        documentId: row.document_id,
        payload: row.payload,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        at: new Date(row.at),
        previousHash,
      });
      await this.execute(
        `update "history_event" set "sequence" = ?, "hash" = ?, "previous_hash" = ? where "id" = ?`,
        [sequence, hash, previousHash, row.id],
      );
      previousHash = hash;
    }
  }
}
