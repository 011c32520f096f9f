// Why: where the loops come from (flow and queue pairs with their Genesys ids, so a team can fix the
// Architect flow) and the queues whose guests wait past maxWait most, by hour of day (the report).
import { $, fill, h, say } from './dom.js';
import { start } from './layout.js';
import { orgNames, report } from './report.js';

function loopsTable(loops) {
  if (loops.length === 0) return h('p', { class: 'muted', dataset: { empty: 'loops' } }, 'No guest bounced between a flow and a queue in this time.');
  const sorted = [...loops].sort((a, b) => b.guests - a.guests || b.bounces - a.bounces);
  return h('table', { id: 'loops-table' },
    h('thead', {}, h('tr', {}, ['Flow', 'Flow id', 'Queue', 'Queue id'].map((c) => h('th', { scope: 'col' }, c)),
      h('th', { scope: 'col', class: 'n' }, 'Guests'), h('th', { scope: 'col', class: 'n' }, 'Bounces'))),
    h('tbody', {}, sorted.map((l) => h('tr', { dataset: { flowId: l.flowId || '', queueId: l.queueId || '' } },
      h('td', { dataset: { field: 'flow' } }, l.flowName || '(unnamed flow)'), h('td', {}, h('code', {}, l.flowId || '')),
      h('td', { dataset: { field: 'queue' } }, l.queueName || '(unnamed queue)'), h('td', {}, h('code', {}, l.queueId || '')),
      h('td', { class: 'n' }, String(l.guests)), h('td', { class: 'n' }, String(l.bounces))))));
}

function overdueTable(overdue) {
  if (overdue.length === 0) return h('p', { class: 'muted', dataset: { empty: 'overdue' } }, 'No guest waited past maxWait in this time.');
  const queues = new Map();
  for (const o of overdue) {
    const key = o.queueId || o.queueName;
    if (!queues.has(key)) queues.set(key, { name: o.queueName || o.queueId, id: o.queueId, hours: new Array(24).fill(0) });
    queues.get(key).hours[o.hourOfDay] += o.guests;
  }
  const rows = [...queues.values()].map((q) => ({ ...q, total: q.hours.reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total);
  const peak = Math.max(1, ...rows.flatMap((q) => q.hours));
  const level = (n) => (n === 0 ? 0 : Math.min(4, Math.ceil((n / peak) * 4)));
  return h('div', { class: 'scroll' }, h('table', { class: 'heat', id: 'overdue-table' },
    h('caption', {}, 'Guests per hour of day (UTC) who waited past maxWait; darker is more'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Queue'), h('th', { scope: 'col' }, 'Queue id'),
      Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col', class: 'n' }, String(hour).padStart(2, '0'))),
      h('th', { scope: 'col', class: 'n' }, 'All'))),
    h('tbody', {}, rows.map((q) => h('tr', { dataset: { queueId: q.id || '' } },
      h('th', { scope: 'row' }, q.name), h('td', {}, h('code', {}, q.id || '')),
      q.hours.map((n) => h('td', { class: 'n', dataset: { level: String(level(n)) } }, n ? String(n) : '')),
      h('td', { class: 'n' }, String(q.total)))))));
}

async function show() {
  const org = $('#why-org').value;
  const since = $('#why-since').value;
  say('Reading…');
  try {
    const data = await report(org, since);
    if (!data) {
      const none = 'No data: this service has no report yet (GET /api/v1/report).';
      fill($('#loops'), h('p', { class: 'muted', dataset: { empty: 'report' } }, none));
      fill($('#overdue'), h('p', { class: 'muted', dataset: { empty: 'report' } }, none));
    } else {
      fill($('#loops'), loopsTable(data.loops || []));
      fill($('#overdue'), overdueTable(data.overdue || []));
    }
    document.body.dataset.shown = org + '/' + since;
    say('');
  } catch (e) {
    say('Cannot read the report: ' + e.message, 'error');
  }
}

await start();
const orgs = await orgNames();
fill($('#why-org'), orgs.map((o) => h('option', { value: o }, o)));
const asked = new URLSearchParams(location.search);
if (asked.get('org') && orgs.includes(asked.get('org'))) $('#why-org').value = asked.get('org');
if (asked.get('since')) $('#why-since').value = asked.get('since');
$('#why-form').addEventListener('submit', (event) => {
  event.preventDefault();
  show();
});
if (orgs.length) await show();
