import type { Table } from '../export/table';
import { canonicalJson } from './history-chain';
import type { HistoryEvent } from './history-event.entity';

/**
 * Every stored field of each event, the payload as its canonical JSON: in a JSON export each
 * row carries what its hash was taken over, so the chain can be checked away from the platform.
 */
const COLUMNS = [
  'sequence',
  'id',
  'at',
  'action',
  'actorId',
  'sealId',
  'documentId',
  'payload',
  'ip',
  'userAgent',
  'requestId',
  'previousHash',
  'hash',
].map((key) => ({ key, header: key }));

/** The events as rows, in the order given. */
export function historyTable(events: HistoryEvent[]): Table {
  const rows = events.map((event) => ({
    sequence: event.sequence,
    id: event.id,
    at: event.at,
    action: event.action,
    actorId: event.actorId,
    sealId: event.sealId,
    documentId: event.documentId,
    payload: canonicalJson(event.payload),
    ip: event.ip,
    userAgent: event.userAgent,
    requestId: event.requestId,
    previousHash: event.previousHash,
    hash: event.hash,
  }));

  return { columns: COLUMNS, rows };
}
