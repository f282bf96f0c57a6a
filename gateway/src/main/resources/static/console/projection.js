// The registry projection: position, head and lag from GET /api/projections/registry, and the rebuild. While a
// rebuild runs its progress is polled twice a second; otherwise the status is refreshed every few seconds.

import { call } from './api.js';
import { el, number, showError } from './page.js';

const RUNNING = ['REBUILDING', 'VERIFYING'];
const IDLE_MS = 5000;
const RUNNING_MS = 500;

let timer;

export function watchProjection() {
  const button = document.getElementById('rebuild');
  const repair = document.getElementById('rebuild-repair');
  const error = document.getElementById('projection-error');
  button.addEventListener('click', async () => {
    if (repair.checked && !confirm('Repair replaces every registry row that differs from the log. Go on?')) return;
    showError(error);
    button.disabled = true;
    try {
      render(await call('/api/projections/registry/rebuild' + (repair.checked ? '?repair=true' : ''),
        { method: 'POST' }));
    } catch (failure) {
      showError(error, failure); // 409: a rebuild is already running somewhere; its progress shows below
    }
    refresh();
  });
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  const error = document.getElementById('projection-error');
  let running = false;
  try {
    const status = await call('/api/projections/registry');
    running = RUNNING.includes(status.state);
    render(status);
  } catch (failure) {
    showError(error, failure);
  }
  timer = setTimeout(refresh, running ? RUNNING_MS : IDLE_MS);
}

function render(status) {
  const rebuild = status.rebuild;
  const running = RUNNING.includes(status.state);
  const state = document.getElementById('projection-state');
  state.textContent = status.state.toLowerCase();
  state.dataset.state = status.state;
  document.getElementById('projection-position').textContent = number(status.position);
  document.getElementById('projection-head').textContent = number(status.head);
  document.getElementById('projection-lag').textContent = `${number(status.lag)} positions`;
  document.getElementById('rebuild').disabled = running;
  const progress = document.getElementById('rebuild-progress');
  progress.hidden = !running && !rebuild.finishedAt;
  const bar = document.getElementById('rebuild-bar');
  bar.max = Math.max(1, rebuild.eventsTotal);
  bar.value = rebuild.finishedAt ? bar.max : rebuild.eventsDone;
  const eta = rebuild.etaSeconds === null || rebuild.etaSeconds === undefined ? '' : ` · ${rebuild.etaSeconds} s left`;
  document.getElementById('rebuild-numbers').textContent = `${number(rebuild.eventsDone)} of `
    + `${number(rebuild.eventsTotal)} events · ${number(rebuild.eventsPerSecond)} events/s${running ? eta : ''}`;
  document.getElementById('rebuild-message').textContent = rebuild.message || '';
  document.getElementById('rebuild-differences').replaceChildren(...rebuild.differences.slice(0, 10).map((d) =>
    el('li', {}, `${d.kind.replace('_', ' ')} ${d.preliminaryId}${d.column ? ` ${d.column}: live ${d.live}, `
      + `log ${d.rebuilt}` : ''}`)));
}
