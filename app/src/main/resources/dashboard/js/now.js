// Now: per org, the watch's state; per queue, guests waiting and how many are stuck, looping, orphaned
// or stranded (GET /api/v1/orgs/{org}/queues: the watch's picture, no Genesys call). Refreshed when
// an event arrives, and every 15 s because guests cross maxWait without any event.
import { api } from './api.js';
import { $, ago, conversationHref, fill, h, say } from './dom.js';
import { follow } from './events.js';
import { start } from './layout.js';

const COUNTS = ['waiting', 'stuck', 'looping', 'orphaned', 'stranded'];
let pending = null;

function watchState(org) {
  if (!org.watchedHere) return 'not watched by this replica';
  return org.channelConnected ? 'connected' : 'not connected';
}

function orgSection(org, queues) {
  const id = 'org-' + org.org.replace(/[^A-Za-z0-9_-]/g, '_');
  const budget = Math.round((org.budgetUsed || 0) * 100);
  const state = watchState(org);
  return h('section', { class: 'panel org', 'aria-labelledby': id, dataset: { org: org.org } },
    h('h2', { id }, org.org),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Genesys'), h('dd', { dataset: { field: 'up' }, class: org.up === false ? 'warn' : 'ok' },
        org.up === false ? `down: ${org.problem}` : 'up'),
      h('dt', {}, 'Watch'), h('dd', { dataset: { field: 'watch' }, class: org.channelConnected ? 'ok' : 'warn' }, state),
      h('dt', {}, 'Last scan'), h('dd', { dataset: { field: 'last-scan' }, title: org.lastScan || '' }, ago(org.lastScan)),
      h('dt', {}, 'Following'), h('dd', { dataset: { field: 'following' } }, `${org.following ?? 0} guests`),
      h('dt', {}, 'Endings limit'), h('dd', { dataset: { field: 'limit' }, class: org.atLimit ? 'warn' : '' },
        org.atLimit ? `reached: ${org.limit} ended in the last hour, the rest wait` : `${org.limit ?? '?'} an hour`),
      h('dt', {}, 'Call budget used'), h('dd', { dataset: { field: 'budget' } },
        `${budget}% of ${org.requestsPerMinute ?? '?'} per minute`),
      h('dt', {}, 'Credentials'), h('dd', { class: org.credentials === 'ok' ? 'ok' : 'warn' }, org.credentials)),
    queueTable(org.org, queues));
}

function queueTable(org, queues) {
  if (!queues) return h('p', { class: 'muted' }, 'Queues could not be read.');
  if (queues.length === 0) {
    return h('p', { class: 'muted', dataset: { empty: 'queues' } }, 'No guest followed now in any queue.');
  }
  const totals = Object.fromEntries(COUNTS.map((c) => [c, queues.reduce((sum, q) => sum + (q[c] || 0), 0)]));
  return h('table', { class: 'counts' },
    h('caption', {}, `Queues of ${org}: guests followed now`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Queue'),
      COUNTS.map((c) => h('th', { scope: 'col', class: 'n' }, c === 'waiting' ? 'followed' : c)))),
    h('tbody', {}, queues.map((q) => h('tr', { dataset: { queue: q.queue, queueId: q.queueId || '' } },
      h('th', { scope: 'row' }, h('a', { href: '/audit?org=' + encodeURIComponent(org) + '&queue=' + encodeURIComponent(q.queue) }, q.queue)),
      COUNTS.map((c) => h('td', { class: 'n' + (c !== 'waiting' && q[c] > 0 ? ' hot' : ''), dataset: { count: c } }, String(q[c] || 0)))))),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'All queues'),
      COUNTS.map((c) => h('td', { class: 'n', dataset: { total: c } }, String(totals[c]))))));
}

async function refresh() {
  pending = null;
  try {
    const { orgs } = await api('/api/v1/orgs');
    const sections = await Promise.all(orgs.map(async (org) => {
      let queues = null;
      try {
        queues = (await api(`/api/v1/orgs/${encodeURIComponent(org.org)}/queues`)).queues;
      } catch (e) {
        queues = null;
      }
      return orgSection(org, queues);
    }));
    fill($('#orgs'), sections);
    const select = $('#lookup-org');
    if (select.options.length !== orgs.length) fill(select, orgs.map((o) => h('option', { value: o.org }, o.org)));
    document.body.dataset.refreshed = new Date().toISOString();
    say('');
  } catch (e) {
    say('Cannot read the orgs: ' + e.message, 'error');
  }
}

function soon() {
  if (!pending) pending = setTimeout(refresh, 250);
}

await start();
await refresh();
setInterval(refresh, 15000);
follow(() => soon(), (state) => {
  const live = $('#live');
  live.dataset.state = state;
  live.textContent = state === 'live' ? 'live' : 'reconnecting…';
  if (state === 'live') soon();
});
$('#lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  location.assign(conversationHref($('#lookup-org').value, $('#lookup-id').value.trim().toLowerCase()));
});
