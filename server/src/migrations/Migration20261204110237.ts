import { Migration } from '@mikro-orm/migrations';

export class Migration20261204110237 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'VERIFICATION_CODE_SENT', 'TOKEN_REFRESHED', 'REFRESH_TOKEN_REUSED', 'LOGGED_OUT', 'ACCOUNT_LOCKED', 'PASSWORD_RESET', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED', 'APPLICATION_SUBMITTED', 'APPLICATION_APPROVED', 'APPLICATION_REJECTED', 'APPLICATION_WITHDRAWN'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "history_event" drop constraint if exists "history_event_action_check";`,
    );

    this.addSql(
      `alter table "history_event" add constraint "history_event_action_check" check("action" in ('USER_REGISTERED', 'LOGGED_IN', 'LOGIN_FAILED', 'VERIFICATION_CODE_SENT', 'TOKEN_REFRESHED', 'REFRESH_TOKEN_REUSED', 'LOGGED_OUT', 'ACCOUNT_LOCKED', 'PASSWORD_RESET', 'SEAL_CREATED', 'SEAL_IMPORTED', 'SEAL_UPDATED', 'SEAL_RENEWED', 'SEAL_REKEYED', 'SEAL_DELETED', 'SEAL_PIN_CHANGED', 'SEAL_LOCKED', 'AGREEMENT_PUBLISHED', 'AGREEMENT_ACCEPTED', 'DOCUMENT_UPLOADED', 'DOCUMENT_SIGNED', 'SIGNING_FAILED', 'EXPORT_CREATED', 'TRUST_ANCHOR_ADDED', 'TRUST_ANCHOR_REMOVED', 'ORGANIZATION_CREATED', 'ORGANIZATION_MEMBER_ADDED', 'ORGANIZATION_MEMBER_ROLE_CHANGED', 'ORGANIZATION_MEMBER_REMOVED'));`,
    );
  }
}
