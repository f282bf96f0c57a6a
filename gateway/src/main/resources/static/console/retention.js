// Retention from GET /api/retention, every few seconds: how long events stay in the live table, where the archive is,
// and what this node has moved there (one node of the cluster archives at a time, so another may show nothing).

import { call } from './api.js';
import { number, relative, showError } from './page.js';

const EVERY_MS = 5000;

export async function refreshRetention() {
  const error = document.getElementById('retention-error');
  try {
    const r = await call('/api/retention');
    set('retention-state', r.enabled ? (r.running ? 'archiving' : 'on') : 'off: every event is kept');
    set('retention-feed', r.feed ? `${r.feed} (each feed's newest always)` : 'forever');
    set('retention-connections', r.connections ? `${r.connections} after close` : 'forever');
    set('retention-keys', r.idempotencyKeys
      ? `${r.idempotencyKeys} (${number(r.idempotencyKeysDeleted)} deleted by this node)`
      : 'forever');
    set('retention-dir', r.archiveDir ?? 'none');
    set('retention-archived', `${number(r.archived)} events archived, ${number(r.deleted)} rows deleted`);
    set('retention-last', last(r.lastRun));
    showError(error);
  } catch (failure) {
    showError(error, failure);
  }
  setTimeout(refreshRetention, EVERY_MS);
}

function last(run) {
  if (!run) return 'none yet';
  const when = relative(run.finishedAt);
  return run.error ? `failed ${when}: ${run.error}` : `${when}: ${number(run.archived)} events archived`;
}

function set(id, text) {
  document.getElementById(id).textContent = text;
}
