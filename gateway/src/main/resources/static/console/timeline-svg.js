// Draws a Timeline (the audit module's JSON) as SVG: a lane per connection, and one for the user's agent feed; each
// step a mark at its place on the x axis (log order, or the nodes' clocks); between a connection's marks a band in
// the state the aggregate was in. Refusals are red crosses; agent events are diamonds on the feed lane with a
// triangle on each connection they reached (filled) or were held for (hollow). Every mark is a <g class="mark"> with
// id step-<position> and data-position, data-type, data-lane, data-order, and a <title> tooltip.

const NS = 'http://www.w3.org/2000/svg';
export const FEED = 'feed';
const LABEL = 210;
const RIGHT = 24;
const TOP = 46;
const LANE = 46;
const BAND = 12;
const MIN_STEP = 26;

export function draw(timeline, { scale = 'order', width = 1100 } = {}) {
  const steps = timeline.steps;
  const lanes = lanesOf(steps);
  const plotWidth = Math.max(width, LABEL + RIGHT + steps.length * MIN_STEP) - LABEL - RIGHT;
  const x = xScale(steps, scale, plotWidth);
  const height = TOP + lanes.length * LANE + 8;
  const svg = node('svg', {
    width: LABEL + plotWidth + RIGHT, height, viewBox: `0 0 ${LABEL + plotWidth + RIGHT} ${height}`,
    class: 'timeline', role: 'img', 'aria-label': `timeline of ${timeline.kind.toLowerCase()} ${timeline.subject ?? ''}`,
  });
  const laneY = new Map(lanes.map((lane, i) => [lane.id, TOP + i * LANE + LANE / 2]));
  lanes.forEach((lane, i) => svg.append(laneBackground(lane, i, plotWidth)));
  svg.append(axis(steps, x, scale, height));
  lanes.filter((lane) => lane.id !== FEED)
    .forEach((lane) => svg.append(bands(lane, steps, x, laneY.get(lane.id), LABEL + plotWidth)));
  steps.forEach((step, i) => {
    if (step.delivery) svg.append(deliveries(step, x(i), laneY));
    svg.append(mark(step, i, x(i), laneY.get(laneOf(step))));
  });
  return svg;
}

export const laneOf = (step) => step.connectionId ?? FEED;

function lanesOf(steps) {
  const lanes = new Map();
  if (steps.some((step) => laneOf(step) === FEED)) lanes.set(FEED, { id: FEED, label: 'agent feed' });
  for (const step of steps) {
    const id = laneOf(step);
    if (!lanes.has(id)) lanes.set(id, { id, label: id });
    const user = step.after?.userId ?? step.registryRow?.userId;
    if (id !== FEED && user) lanes.get(id).user = user;
    if (id === FEED && step.delivery) lanes.get(id).user = step.delivery.userId;
  }
  return [...lanes.values()];
}

/** Index → x. In log order marks are evenly spaced; by time they sit at their node's clock reading. */
function xScale(steps, scale, plotWidth) {
  const times = steps.map((step) => Date.parse(step.timestamp));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  if (scale === 'time' && span > 0) {
    const pad = MIN_STEP / 2;
    return (i) => LABEL + pad + ((times[i] - first) / span) * (plotWidth - 2 * pad);
  }
  return (i) => LABEL + (i + 0.5) * (plotWidth / Math.max(1, steps.length));
}

function laneBackground(lane, i, plotWidth) {
  const y = TOP + i * LANE;
  return node('g', { class: 'lane', 'data-lane': lane.id },
    node('rect', { x: 0, y, width: LABEL + plotWidth + RIGHT, height: LANE, class: i % 2 ? 'lane-odd' : 'lane-even' }),
    node('text', { x: 8, y: y + LANE / 2 - 3, class: 'lane-label' }, title(lane.label), shorten(lane.label, 24)),
    node('text', { x: 8, y: y + LANE / 2 + 11, class: 'lane-user' },
      title(lane.user ?? ''), lane.user ? shorten('user ' + lane.user, 30) : ''));
}

function shorten(text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}

function axis(steps, x, scale, height) {
  const group = node('g', { class: 'axis' });
  const every = Math.max(1, Math.ceil(44 / Math.max(1, x(1) - x(0) || 44)));
  const first = Date.parse(steps[0]?.timestamp);
  steps.forEach((step, i) => {
    group.append(node('line', { x1: x(i), x2: x(i), y1: TOP - 6, y2: height - 8, class: 'gridline' }));
    if (scale === 'order' ? i % every === 0 : i === 0 || i === steps.length - 1) {
      const label = scale === 'order' ? '#' + step.position : `+${Date.parse(step.timestamp) - first} ms`;
      group.append(node('text', { x: x(i), y: TOP - 12, class: 'tick' }, label));
    }
  });
  group.append(node('text', { x: 8, y: 16, class: 'axis-caption' },
    scale === 'order' ? 'log order (positions) →' : `time → from ${steps[0]?.timestamp ?? ''}`));
  return group;
}

/** A band per stretch of one state, from the mark that entered it to the next change (or the end if still open). */
function bands(lane, steps, x, y, end) {
  const group = node('g', { class: 'bands', 'data-lane': lane.id });
  const changes = [];
  steps.forEach((step, i) => {
    const own = step.connectionId === lane.id && step.streamId === lane.id && step.after?.state;
    if (own && step.after.state !== changes.at(-1)?.state) {
      changes.push({ state: step.after.state, x: x(i), position: step.position });
    }
  });
  changes.forEach((change, k) => {
    if (change.state === 'CLOSED') return;
    const next = changes[k + 1];
    const to = next ? next.x : end;
    group.append(node('rect', {
      x: change.x, y: y - BAND / 2, width: Math.max(1, to - change.x), height: BAND, rx: 3,
      class: 'band state-' + change.state, 'data-state': change.state,
    }, title(`${change.state} from position ${change.position}${next ? ' to ' + next.position : ', still'}`)));
  });
  return group;
}

function deliveries(step, x, laneY) {
  const group = node('g', { class: 'deliveries', 'data-position': step.position });
  const reached = (ids, kind) => ids.filter((id) => laneY.has(id)).forEach((id) => group.append(node('path', {
    d: `M${x - 5},${laneY.get(id) - 16} L${x + 5},${laneY.get(id) - 16} L${x},${laneY.get(id) - 8} Z`,
    class: 'delivery ' + kind, 'data-connection': id,
  }, title(`${step.delivery.event} seq ${step.delivery.seq} ${kind === 'delivered' ? 'delivered to' : 'held for'} `
      + id))));
  reached(step.delivery.deliveredTo ?? [], 'delivered');
  reached(step.delivery.heldFor ?? [], 'held');
  return group;
}

function mark(step, order, x, y) {
  const group = node('g', {
    class: 'mark ' + kindOf(step), id: 'step-' + step.position, transform: `translate(${x},${y})`,
    'data-position': step.position, 'data-type': step.type, 'data-lane': laneOf(step), 'data-order': order,
    'data-state-after': step.after?.state ?? '', tabindex: 0,
  }, title(describe(step)));
  switch (kindOf(step)) {
    case 'rejected':
      group.append(node('path', { d: 'M-6,-6 L6,6 M-6,6 L6,-6', class: 'cross-halo' }),
        node('path', { d: 'M-6,-6 L6,6 M-6,6 L6,-6', class: 'cross' }));
      break;
    case 'agent':
      group.append(node('path', { d: 'M0,-8 L8,0 L0,8 L-8,0 Z', class: 'diamond' }));
      break;
    case 'claim':
      group.append(node('rect', { x: -5, y: -5, width: 10, height: 10, class: 'square' }));
      break;
    default:
      group.append(node('circle', { r: 6, class: 'dot state-' + (step.after?.state ?? 'NONE') }));
  }
  return group;
}

function kindOf(step) {
  if (step.rejection) return 'rejected';
  if (step.delivery || step.type === 'AgentEventPublished' || step.type.startsWith('AgentMessage')) return 'agent';
  if (step.type === 'FinalIdClaimed') return 'claim';
  return step.type === 'ConnectionClosed' ? 'closed' : 'transition';
}

/** The tooltip: what a person needs without opening the table. */
export function describe(step) {
  const lines = [`${step.type} · position ${step.position}`, `${step.timestamp}${step.nodeId ? ' · node ' + step.nodeId : ''}`];
  if (step.rejection) {
    const r = step.rejection;
    lines.push(`refused ${r.command}: ${r.code}${r.stateMet ? ' (state ' + r.stateMet + ')' : ''}`);
    if (r.reason) lines.push(r.reason);
  } else if (step.delivery) {
    const d = step.delivery;
    lines.push(`seq ${d.seq} ${d.event} of ${d.runId}`, `delivered to [${(d.deliveredTo ?? []).join(', ')}]`,
      `held for [${(d.heldFor ?? []).join(', ')}]`);
  } else if (step.type === 'AgentMessageForwarded') {
    lines.push(`message ${step.payload.messageId} to the agent backend, run ${step.payload.runId}`, step.payload.text);
  } else if (step.type === 'AgentMessageAnswered') {
    const p = step.payload;
    lines.push(`${p.outcome} after ${p.attempts} attempt(s), HTTP ${p.status || '—'}`, p.detail ?? '');
  } else if (step.after?.claimedBy) {
    lines.push(`final id claimed by ${step.after.claimedBy}`);
  } else {
    lines.push(`${step.before?.state ?? '—'} → ${step.after?.state ?? '—'}`);
  }
  if (step.payload?.reason && !step.rejection) lines.push('reason ' + step.payload.reason);
  if (step.connectionId) lines.push('connection ' + step.connectionId);
  return lines.join('\n');
}

function title(text) {
  return node('title', {}, text);
}

function node(tag, attributes, ...children) {
  const element = document.createElementNS(NS, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  children.forEach((child) => element.append(child));
  return element;
}
