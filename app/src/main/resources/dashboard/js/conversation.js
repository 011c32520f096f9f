// A conversation: its legs and the plan (GET /api/v1/orgs/{org}/conversations/{id}, nothing changed);
// an operator may end it (the plan is shown first, a reason is required, force for an admin only).
// A viewer gets no form; the API refuses a viewer's ending anyway.
import { api, ApiError } from './api.js';
import { $, fill, h, say, when } from './dom.js';
import { start } from './layout.js';

const [, , orgPart, idPart] = location.pathname.split('/');
const org = decodeURIComponent(orgPart || '');
const id = decodeURIComponent(idPart || '');
let idempotencyKey = freshKey();
let conversation = null;

/** A key per shown form, so a double submit (or a retry after a lost answer) ends once. */
function freshKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'dashboard-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function legsTable(legs) {
  if (!legs || legs.length === 0) return h('p', { class: 'muted' }, 'No legs.');
  return h('table', {},
    h('thead', {}, h('tr', {}, ['Purpose', 'State', 'Queue', 'Name', 'Wrap-up', 'Participant id'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, legs.map((leg) => h('tr', { dataset: { purpose: leg.purpose, state: leg.state } },
      h('td', {}, leg.purpose), h('td', {}, leg.state),
      h('td', {}, leg.queueName || leg.queueId || ''), h('td', {}, leg.name || ''),
      h('td', {}, leg.wrapupPending ? 'pending' : leg.wrapupRequired ? 'required' : ''),
      h('td', {}, h('code', {}, leg.participantId))))));
}

function planView(plan) {
  if (!plan || !plan.action) return h('p', { class: 'muted' }, 'No plan.');
  if (plan.action === 'skip') {
    return h('div', { dataset: { plan: 'skip' } },
      h('p', {}, h('strong', {}, 'Nothing would be done: '), plan.explanation || plan.skipReason),
      h('p', { class: 'muted' }, plan.skipReason));
  }
  return h('div', { dataset: { plan: 'end' } },
    h('p', {}, 'Ending it makes these calls, in this order (the queue leg first):'),
    h('ol', { class: 'calls' }, (plan.steps || []).map((step) => h('li', {}, h('code', {}, call(step))))));
}

/** A step as one line: method, path and body, as the CLI prints it. */
function call(step) {
  return step.method + ' ' + step.path + (step.body ? ' ' + JSON.stringify(step.body) : '');
}

async function load(force) {
  say('Looking…');
  try {
    conversation = await api(`/api/v1/orgs/${encodeURIComponent(org)}/conversations/${encodeURIComponent(id)}` + (force ? '?force=true' : ''));
  } catch (e) {
    say(e instanceof ApiError && e.status === 404 ? e.message : 'Cannot read the conversation: ' + e.message, 'error');
    return;
  }
  // Ended once every leg is disconnected, even before Genesys stamps an end time.
  const legs = conversation.legs || [];
  const ended = Boolean(conversation.endTime) || (legs.length > 0 && legs.every((l) => l.state === 'disconnected'));
  fill($('#summary'),
    h('dt', {}, 'Org'), h('dd', {}, org),
    h('dt', {}, 'Started'), h('dd', {}, when(conversation.startTime)),
    h('dt', {}, 'Ended'), h('dd', { dataset: { field: 'ended' } },
      conversation.endTime ? when(conversation.endTime) : ended ? 'yes: every leg is disconnected' : 'no, open'));
  fill($('#legs'), legsTable(conversation.legs));
  fill($('#plan'), planView(conversation.plan));
  document.body.dataset.loaded = ended ? 'ended' : 'open';
  say('');
}

function outcomeView(outcome) {
  return h('div', { dataset: { outcome: outcome.outcome } },
    h('p', {}, h('strong', {}, outcome.outcome), outcome.error ? ' — ' + outcome.error : '', outcome.skipReason ? ' (' + outcome.skipReason + ')' : ''),
    outcome.steps && outcome.steps.length ? h('table', {},
      h('thead', {}, h('tr', {}, ['Call', 'HTTP status', 'Correlation id', 'ms'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, outcome.steps.map((s) => h('tr', {},
        h('td', {}, h('code', {}, call(s))), h('td', { class: 'n' }, String(s.status)),
        h('td', {}, h('code', {}, (s.correlationIds || []).join(' '))), h('td', { class: 'n' }, String(s.tookMs)))))) : null);
}

async function end(event) {
  event.preventDefault();
  const reason = $('#reason').value.trim();
  if (!reason) {
    say('Say why it is ended: the reason goes into the audit.', 'error');
    $('#reason').focus();
    return;
  }
  const force = $('#force').checked;
  const button = $('#end-button');
  button.disabled = true;
  say('Ending…');
  try {
    const outcome = await api(`/api/v1/orgs/${encodeURIComponent(org)}/conversations/${encodeURIComponent(id)}/end`, {
      method: 'POST', body: { reason, force }, headers: { 'Idempotency-Key': idempotencyKey },
    });
    $('#result').hidden = false;
    fill($('#result-body'), outcomeView(outcome));
    say('Outcome: ' + outcome.outcome);
    idempotencyKey = freshKey();
    await load(false);
    $('#result-title').focus();
  } catch (e) {
    say('Not ended: ' + e.message + (e.requestId ? ` (request ${e.requestId})` : ''), 'error');
  } finally {
    button.disabled = false;
  }
}

const me = await start();
$('#conversation-id').textContent = id;
document.title = `Conversation ${id} · unstuck`;
$('#history-link').href = '/audit?conversation=' + encodeURIComponent(id) + '&org=' + encodeURIComponent(org);
await load(false);
if (me.mayEnd) {
  $('#end-section').hidden = false;
  $('#result-title').setAttribute('tabindex', '-1');
  if (me.mayForce) {
    $('#force-line').hidden = false;
    $('#force').addEventListener('change', () => load($('#force').checked));
  }
  $('#end-form').addEventListener('submit', end);
} else {
  const note = $('#no-end');
  note.hidden = false;
  note.textContent = `Your role (${me.role}) may look but not end conversations; an operator or admin can.`;
}
