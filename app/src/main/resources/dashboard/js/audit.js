// Audit: the records of GET /api/v1/audit, filtered (org, queue, reason, outcome, caller,
// conversation, time) and paged; one conversation's full history (plan, steps with their HTTP
// statuses, correlation ids); the records matching the filters exported as the service's own CSV.
import { api, bearer, query } from './api.js';
import { $, conversationHref, fill, h, say, when } from './dom.js';
import { start } from './layout.js';

const FIELDS = ['org', 'queue', 'reason', 'outcome', 'caller', 'conversation', 'since', 'until'];
let cursor = null;
let shown = [];

/** The form's filters as the API's query parameters (datetime-local fields are read as UTC). */
function filters() {
  const out = {};
  for (const name of FIELDS) {
    let value = $(`[name="${name}"]`, $('#filters')).value.trim();
    if ((name === 'since' || name === 'until') && value) value = new Date(value + 'Z').toISOString();
    if (value) out[name] = value;
  }
  return out;
}

function fromAddress() {
  const asked = new URLSearchParams(location.search);
  for (const name of FIELDS) {
    let value = asked.get(name);
    if (!value) continue;
    if (name === 'since' || name === 'until') value = value.replace(/Z$/, '').slice(0, 19);
    const field = $(`[name="${name}"]`, $('#filters'));
    if (field.tagName === 'SELECT' && ![...field.options].some((o) => o.value === value)) field.append(h('option', { value }, value));
    field.value = value;
  }
}

function row(r) {
  return h('tr', { dataset: { conversation: r.conversationId || '', kind: r.kind } },
    h('td', {}, when(r.occurredAt)), h('td', {}, r.org),
    h('td', {}, r.conversationId ? h('a', { href: '/audit' + query({ conversation: r.conversationId, org: r.org }) },
      h('code', {}, r.conversationId)) : ''),
    h('td', {}, r.kind + (r.outcome && r.outcome !== r.kind ? ': ' + r.outcome : '') + (r.status ? ` (HTTP ${r.status})` : '')),
    h('td', {}, r.queue || ''), h('td', {}, r.requestedBy), h('td', {}, r.rule ? h('strong', {}, r.rule + ' ') : null, r.reason),
    h('td', { dataset: { field: 'summary' } }, r.summary),
    h('td', {}, (r.correlationIds || []).map((c) => h('code', { class: 'cid' }, c, ' '))));
}

function table(records, caption) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ['At', 'Org', 'Conversation', 'Kind', 'Queue', 'Caller', 'Reason', 'What happened', 'Correlation ids']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, records.map(row)));
}

async function search({ more = false } = {}) {
  const asked = { ...filters(), limit: 100 };
  if (more && cursor) asked.cursor = cursor;
  delete document.body.dataset.records; // set again when these records are shown
  say('Reading…');
  try {
    const page = await api('/api/v1/audit' + query(asked));
    shown = more ? shown.concat(page.records) : page.records;
    cursor = page.nextCursor;
    fill($('#records'), shown.length ? table(shown, `${shown.length} record(s)${cursor ? ', more to load' : ''}`)
      : h('p', { class: 'muted', dataset: { empty: 'records' } }, 'No record matches.'));
    $('#more').hidden = !cursor;
    document.body.dataset.records = String(shown.length);
    say('');
  } catch (e) {
    say('Cannot read the audit: ' + e.message, 'error');
  }
}

async function showHistory(conversation, org) {
  const section = $('#history');
  if (!conversation) {
    section.hidden = true;
    return;
  }
  const records = [];
  let next = null;
  do {
    const page = await api('/api/v1/audit' + query({ conversation, org, limit: 1000, cursor: next }));
    records.push(...page.records);
    next = page.nextCursor;
  } while (next && records.length < 5000);
  records.reverse(); // oldest first: the story in the order it happened
  section.hidden = false;
  fill($('#history-body'),
    h('p', {}, org ? h('a', { href: conversationHref(org, conversation) }, 'The conversation now (legs and plan)') : null),
    records.length ? h('ol', { class: 'history' }, records.map((r) => h('li', { dataset: { kind: r.kind } },
      when(r.occurredAt), ' ', h('strong', {}, r.kind), ' ', r.summary,
      r.stateBefore ? h('div', { class: 'muted' }, 'before: ', h('code', {}, r.stateBefore)) : null,
      r.stateAfter ? h('div', { class: 'muted' }, 'after: ', h('code', {}, r.stateAfter)) : null,
      h('div', { class: 'muted' }, `by ${r.requestedBy}: ${r.reason}`),
      (r.correlationIds || []).length ? h('div', { class: 'muted' }, 'correlation ids: ',
        r.correlationIds.map((c) => h('code', { class: 'cid' }, c, ' '))) : null)))
      : h('p', { class: 'muted' }, 'The audit has nothing on this conversation.'));
}

function download(blob, rows) {
  const link = h('a', { href: URL.createObjectURL(blob), download: `unstuck-audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  document.body.dataset.exported = String(rows);
}

/** The service's own CSV export (format=csv): the same rows and columns as the JSON, one writer for both. */
async function exportCsv() {
  say('Exporting…');
  try {
    const response = await fetch('/api/v1/audit' + query({ ...filters(), format: 'csv', limit: 10000 }),
      { headers: { ...bearer(), Accept: 'text/csv' }, cache: 'no-store', credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const text = await response.text();
    const rows = Math.max(0, text.split(/\r?\n/).filter((line) => line !== '').length - 1);
    download(new Blob([text], { type: 'text/csv;charset=utf-8' }), rows);
    const more = Boolean(response.headers.get('X-Next-Cursor'));
    say(`Exported ${rows} record(s)${more ? ' (the first 10,000; narrow the filters for the rest)' : ''}.`);
  } catch (e) {
    say('Cannot export: ' + e.message, 'error');
  }
}

await start();
try {
  const { orgs } = await api('/api/v1/orgs');
  $('#f-org').append(...orgs.map((o) => h('option', { value: o.org }, o.org)));
} catch (e) {
  say('Cannot read the orgs: ' + e.message, 'error');
}
fromAddress();
$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  const asked = filters();
  window.history.replaceState(null, '', '/audit' + query(asked));
  showAll(asked);
});
$('#more').addEventListener('click', () => search({ more: true }));
$('#export').addEventListener('click', exportCsv);

async function showAll(asked) {
  await Promise.all([search(), showHistory(asked.conversation, asked.org)]);
}
await showAll(filters());
