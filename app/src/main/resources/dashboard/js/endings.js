// Endings: the live feed (the latest endings from the audit, then events as they happen) and
// endings per hour by reason over the last day and week, and the analytics ghosts apart (GET /api/v1/report).
import { api } from './api.js';
import { $, conversationHref, fill, h, say, when } from './dom.js';
import { follow } from './events.js';
import { start } from './layout.js';
import { orgNames, report } from './report.js';

const FEED_MAX = 200;
const FEED_FROM_AUDIT = 30;
const COLORS = { stuck: '#1f5fbf', looping: '#b3261e', orphaned: '#a15c00', stranded: '#6a3fb5', idle: '#5b6475' };
const charts = {};

function item({ type, at, org, conversationId, queue, reason, source, outcome }) {
  return h('li', { dataset: { type, conversation: conversationId || '', source: source || '', outcome: outcome || '' } },
    h('span', { class: 'kind' }, type === 'ending' ? 'ending' : 'detection'),
    when(at),
    h('span', {}, org),
    conversationId ? h('a', { href: conversationHref(org, conversationId) }, h('code', {}, conversationId)) : null,
    queue ? h('span', {}, 'in ' + queue) : null,
    reason ? h('span', {}, reason) : null,
    outcome ? h('strong', {}, outcome) : null,
    source ? h('span', { class: 'muted' }, 'by ' + source) : null);
}

function add(entry, { top = true } = {}) {
  const feed = $('#feed');
  const li = item(entry);
  if (top) feed.prepend(li);
  else feed.append(li);
  while (feed.children.length > FEED_MAX) feed.lastElementChild.remove();
}

/** The latest endings: the audit's outcome rows only, as many as the feed starts with. */
async function latestFromAudit() {
  const page = await api('/api/v1/audit?kind=outcome&limit=' + FEED_FROM_AUDIT);
  for (const r of page.records) {
    add({ type: 'ending', at: r.occurredAt, org: r.org, conversationId: r.conversationId, queue: r.queue, reason: r.rule || r.reason,
      source: r.requestedBy, outcome: r.outcome || r.summary }, { top: false });
  }
}

function onEvent({ type, data }) {
  if (type === 'ending') {
    const o = data.outcome || {};
    add({ type, at: data.at, org: data.org, conversationId: o.conversationId, queue: data.queue, reason: data.reason,
      source: data.source, outcome: o.outcome });
  } else if (type === 'detection') {
    add({ type, at: data.at, org: data.org, conversationId: data.conversationId, queue: data.queue, reason: data.reason,
      source: 'watch' });
  }
}

/** Hour buckets from since to until (UTC, on the hour), each with its count per reason. */
function buckets(data) {
  const start = new Date(data.since);
  start.setUTCMinutes(0, 0, 0);
  const end = new Date(data.until);
  const hours = [];
  for (let t = start.getTime(); t <= end.getTime(); t += 3600 * 1000) hours.push(new Date(t).toISOString().slice(0, 13));
  const reasons = [...new Set(data.endingsByHour.map((e) => e.reason))].sort();
  const counts = Object.fromEntries(reasons.map((r) => [r, Object.fromEntries(hours.map((x) => [x, 0]))]));
  for (const e of data.endingsByHour) {
    const hour = new Date(e.hour).toISOString().slice(0, 13);
    if (counts[e.reason] && hour in counts[e.reason]) counts[e.reason][hour] += e.count;
  }
  return { hours, reasons, counts };
}

function totalsTable(data, reasons, counts) {
  if (reasons.length === 0) return h('p', { class: 'muted', dataset: { empty: 'endings' } }, 'No endings in this time.');
  return h('details', {},
    h('summary', {}, 'The numbers'),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col', class: 'n' }, 'Endings'))),
      h('tbody', {}, reasons.map((r) => h('tr', { dataset: { reason: r } }, h('th', { scope: 'row' }, r),
        h('td', { class: 'n' }, String(Object.values(counts[r]).reduce((a, b) => a + b, 0))))))));
}

/** Analytics ghosts (listed open by analytics, yet over) are no endings: counted beside the chart, apart. */
function ghosts(key, data) {
  const line = $('#ghosts-' + key);
  const n = data && typeof data.analyticsGhosts === 'number' ? data.analyticsGhosts : null;
  line.dataset.ghosts = n === null ? '' : String(n);
  line.textContent = n === null ? '' : 'Analytics ghosts: ' + n + ' (open in analytics, yet over; not endings: each is looked at once a day).';
}

function draw(key, data) {
  const canvas = $('#chart-' + key);
  const table = $('#table-' + key);
  ghosts(key, data);
  if (charts[key]) {
    charts[key].destroy();
    delete charts[key];
  }
  canvas.parentElement.hidden = !data || data.endingsByHour.length === 0;
  if (!data) {
    fill(table, h('p', { class: 'muted', dataset: { empty: 'report' } }, 'No data: this service has no report yet (GET /api/v1/report).'));
    return;
  }
  const { hours, reasons, counts } = buckets(data);
  fill(table, totalsTable(data, reasons, counts));
  if (typeof window.Chart !== 'function') return;
  const labels = hours.map((x) => (key === 'day' ? x.slice(11, 13) + ':00' : x.slice(5, 10) + ' ' + x.slice(11, 13) + 'h'));
  charts[key] = new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: reasons.map((r) => ({ label: r, data: hours.map((x) => counts[r][x]), backgroundColor: COLORS[r] || '#888' })),
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true, ticks: { maxTicksLimit: key === 'day' ? 24 : 14 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

async function showCharts(org) {
  try {
    const [day, week] = await Promise.all([report(org, '1d'), report(org, '7d')]);
    draw('day', day);
    draw('week', week);
    document.body.dataset.charts = day ? 'drawn' : 'no-data';
  } catch (e) {
    say('Cannot read the report: ' + e.message, 'error');
  }
}

await start();
const orgs = await orgNames();
fill($('#chart-org'), orgs.map((o) => h('option', { value: o }, o)));
$('#chart-form').addEventListener('submit', (event) => {
  event.preventDefault();
  showCharts($('#chart-org').value);
});
try {
  await latestFromAudit();
} catch (e) {
  say('Cannot read the audit: ' + e.message, 'error');
}
follow(onEvent, (state) => {
  const live = $('#live');
  live.dataset.state = state;
  live.textContent = state === 'live' ? 'live' : 'reconnecting…';
  if (state === 'live') document.body.dataset.feed = 'live';
});
if (orgs.length) await showCharts(orgs[0]);
