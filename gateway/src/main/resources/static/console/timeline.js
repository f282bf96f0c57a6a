// The timeline page: ?connection=ID or ?user=U (optionally &from=&to=), drawn from GET /api/connections/{id}/timeline
// or GET /api/users/{userId}/timeline. Ids in the query string are not secrets; the token never goes there.

import { call } from './api.js';
import { el, requireSignIn, showError } from './page.js';
import { draw, laneOf, FEED } from './timeline-svg.js';

const form = document.getElementById('timeline-form');
const kind = document.getElementById('timeline-kind');
const subject = document.getElementById('timeline-subject');
const from = document.getElementById('timeline-from');
const to = document.getElementById('timeline-to');
const scale = document.getElementById('timeline-scale');
const error = document.getElementById('timeline-error');
let shown;

if (requireSignIn()) {
  const query = new URLSearchParams(location.search);
  kind.value = query.has('user') ? 'user' : 'connection';
  subject.value = query.get('user') ?? query.get('connection') ?? '';
  from.value = query.get('from') ?? '';
  to.value = query.get('to') ?? '';
  scale.value = query.get('scale') === 'time' ? 'time' : 'order';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', '?' + queryOf());
    load();
  });
  scale.addEventListener('change', () => shown && render(shown));
  const bounded = () => { from.hidden = to.hidden = kind.value !== 'user'; }; // a connection's timeline is whole
  kind.addEventListener('change', bounded);
  bounded();
  if (subject.value) load();
}

function queryOf() {
  const query = new URLSearchParams({ [kind.value]: subject.value.trim() });
  if (kind.value === 'user' && from.value.trim()) query.set('from', from.value.trim());
  if (kind.value === 'user' && to.value.trim()) query.set('to', to.value.trim());
  if (scale.value === 'time') query.set('scale', 'time');
  return query;
}

async function load() {
  showError(error);
  const id = encodeURIComponent(subject.value.trim());
  const bounds = new URLSearchParams();
  if (from.value.trim()) bounds.set('from', from.value.trim());
  if (to.value.trim()) bounds.set('to', to.value.trim());
  const path = kind.value === 'user'
    ? `/api/users/${id}/timeline${bounds.size ? '?' + bounds : ''}`
    : `/api/connections/${id}/timeline`;
  try {
    render(await call(path));
  } catch (failure) {
    shown = null;
    document.getElementById('timeline-picture').replaceChildren();
    showError(error, failure);
  }
}

function render(timeline) {
  shown = timeline;
  const picture = document.getElementById('timeline-picture');
  const lanes = new Set(timeline.steps.map(laneOf));
  const refused = timeline.steps.filter((step) => step.rejection).length;
  document.getElementById('timeline-summary').textContent = timeline.steps.length
    ? `${timeline.steps.length} steps, positions ${timeline.steps[0].position} to ${timeline.steps.at(-1).position}, `
      + `${[...lanes].filter((lane) => lane !== FEED).length} connection(s)`
      + `${lanes.has(FEED) ? ' and the agent feed' : ''}${refused ? `, ${refused} refused command(s)` : ''}.`
    : 'Nothing in the log for this window.';
  document.getElementById('timeline-legend').hidden = !timeline.steps.length;
  picture.replaceChildren(...(timeline.steps.length
    ? [draw(timeline, { scale: scale.value, width: Math.max(700, picture.clientWidth - 2) })] : []));
  document.getElementById('timeline-steps-card').hidden = !timeline.steps.length;
  document.querySelector('#timeline-steps tbody').replaceChildren(...timeline.steps.map(row));
}

function row(step) {
  return el('tr', { dataset: { position: step.position, type: step.type }, class: step.rejection ? 'refused' : null },
    el('td', { class: 'n' }, String(step.position)),
    el('td', { class: 'mono' }, step.timestamp),
    el('td', {}, step.nodeId ?? ''),
    el('td', { class: 'mono' }, step.connectionId ?? ''),
    el('td', {}, step.type),
    el('td', {}, step.after?.state || step.before?.state
      ? `${step.before?.state ?? '—'} → ${step.after?.state ?? '—'}` : ''),
    el('td', {}, note(step)));
}

function note(step) {
  if (step.rejection) return `refused ${step.rejection.command}: ${step.rejection.code}`;
  if (step.delivery) {
    const d = step.delivery;
    return `seq ${d.seq} ${d.event} → delivered to [${d.deliveredTo.join(', ')}], held for [${d.heldFor.join(', ')}]`;
  }
  if (step.after?.claimedBy) return 'claimed by ' + step.after.claimedBy;
  return step.payload?.reason ? 'reason ' + step.payload.reason : '';
}
