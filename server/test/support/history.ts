import { createHash } from 'node:crypto';
import { ok } from './api';

/** A history event as the API gives it, every field asked for. */
export interface HistoryEventView {
  id: string;
  sequence: number;
  action: string;
  actor: { id: string } | null;
  sealId: string | null;
  seal: { id: string } | null;
  documentId: string | null;
  payload: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: string;
  hash: string;
  previousHash: string | null;
}

export interface HistoryPage {
  edges: { cursor: string; node: HistoryEventView }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

export const HISTORY_EVENT_FIELDS = `id sequence action actor { id } sealId seal { id } documentId
  payload ip userAgent requestId at hash previousHash`;

export const HISTORY = `query ($filter: HistoryFilter, $first: Int, $after: String) {
  history(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${HISTORY_EVENT_FIELDS} } }
    pageInfo { endCursor hasNextPage }
    totalCount
  }
}`;

export const VERIFY_HISTORY = `{
  verifyHistory { ok checkedCount firstBrokenEvent { id sequence reason } lastSequence lastHash }
}`;

export interface HistoryVerificationView {
  ok: boolean;
  checkedCount: number;
  firstBrokenEvent: { id: string; sequence: number; reason: string } | null;
  lastSequence: number | null;
  lastHash: string | null;
}

/** One page of the history the token may see. */
export async function historyPage(
  token: string,
  filter: Record<string, unknown> = {},
  first = 100,
  after?: string,
): Promise<HistoryPage> {
  return (await ok<{ history: HistoryPage }>(HISTORY, { filter, first, after }, token)).history;
}

/** The events of one page, newest first. */
export async function historyEvents(
  token: string,
  filter: Record<string, unknown> = {},
): Promise<HistoryEventView[]> {
  return (await historyPage(token, filter)).edges.map((edge) => edge.node);
}

export async function verifyHistory(adminToken: string): Promise<HistoryVerificationView> {
  return (await ok<{ verifyHistory: HistoryVerificationView }>(VERIFY_HISTORY, {}, adminToken))
    .verifyHistory;
}

/**
 * An event's hash computed as the README states it, independently of the server's code: SHA-256
 * of the JSON of every stored field but the hash, keys sorted at every depth, no whitespace.
 */
export function expectedHash(event: {
  id: string;
  sequence: number;
  action: string;
  actorId: string | null;
  sealId: string | null;
  documentId: string | null;
  payload: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  at: string;
  previousHash: string | null;
}): string {
  return createHash('sha256').update(sortedJson(event)).digest('hex');
}

/** The fields `expectedHash` takes, from an event as the API gives it. */
export function storedFields(view: HistoryEventView) {
  const { actor, seal, hash, ...fields } = view;
  void seal;
  void hash;

  return { ...fields, actorId: actor?.id ?? null };
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort();

    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(object[key])}`).join(',')}}`;
  }

  return JSON.stringify(value);
}
