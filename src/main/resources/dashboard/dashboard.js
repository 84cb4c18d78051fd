// Selfheal dashboard, overview: reads /api/v1/dashboard/* and /api/v1/incidents, refreshes every 10 s; the incident
// and group pages are in detail.js (#/incidents/<id>, #/fingerprints/<id>). No build step, no dependencies.
'use strict';

const API = '/api/v1';
const REFRESH_MS = 10000;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

function number(value, digits) {
  return value === null || value === undefined ? '' : Number(value).toFixed(digits);
}

// An SVG polyline of the hourly counts, scaled to the group's own maximum.
function sparkline(values) {
  const width = 120, height = 24, max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

function fill(tableId, rows, columns, emptyText) {
  const body = document.querySelector(`#${tableId} tbody`);
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', {colspan: String(columns), class: 'empty'}, emptyText)));
  }
  return body;
}

// The token typed in the page, sent with every call when present (reads need it when Selfheal has a read token).
function authorization() {
  const token = document.getElementById('token').value.trim();
  return token ? {'Authorization': `Bearer ${token}`} : {};
}

// GET an API path; an error answer becomes an Error carrying the API's own message.
async function api(path) {
  const response = await fetch(`${API}${path}`, {headers: authorization()});
  if (response.status === 401) throw new Error(`${path}: enter a read or operator token`);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.message || `${path}: HTTP ${response.status}`);
  }
  return response.json();
}

function view(name) {
  return api(`/dashboard/${name}`);
}

function link(hash, text) {
  return el('a', {href: hash}, text);
}

// What went wrong, in a few words: the exception type when there is one, else the group's template.
function what(row) {
  return row.exceptionType ? `${row.exceptionType}: ${row.template || ''}` : (row.template || '');
}

function renderFingerprints(rows) {
  const body = fill('fingerprints', rows, 7, 'No errors recorded yet.');
  rows.forEach(f => body.append(el('tr', {'data-fingerprint': f.id},
    el('td', {}, f.service), el('td', {}, f.errorType),
    el('td', {class: 'template'}, link(`#/fingerprints/${f.id}`, what(f))),
    el('td', {}, String(f.last24h)), el('td', {}, sparkline(f.hourly.map(Number))),
    el('td', {}, String(f.occurrenceCount)), el('td', {}, when(f.lastSeen)))));
}

// A muted or acknowledged incident says so next to its status.
function triageBadges(i) {
  return [i.mutedAt ? el('span', {class: 'badge'}, 'muted') : '',
    i.acknowledgedAt ? el('span', {class: 'badge'}, 'acknowledged') : ''];
}

function renderIncidents(page) {
  const rows = page.items;
  const body = fill('incidents', rows, 7, 'No incidents match.');
  rows.forEach(i => body.append(el('tr', {'data-incident': String(i.id)},
    el('td', {}, link(`#/incidents/${i.id}`, `#${i.id}`)), el('td', {}, i.service),
    el('td', {class: 'template'}, link(`#/incidents/${i.id}`, what(i))),
    el('td', {class: `sev-${i.severity}`}, i.severity), el('td', {}, i.status, ...triageBadges(i)),
    el('td', {}, number(i.ratePerMinute, 1)), el('td', {}, when(i.detectedAt)))));
}

// The filter form as a query string for GET /api/v1/incidents.
function incidentQuery() {
  const form = new FormData(document.getElementById('filters'));
  const query = new URLSearchParams({limit: '50'});
  for (const [k, v] of form.entries()) if (String(v).trim()) query.set(k, String(v).trim());
  return query.toString();
}

async function incidents() {
  const error = document.getElementById('filter-error');
  try {
    renderIncidents(await api(`/incidents?${incidentQuery()}`));
    error.textContent = '';
  } catch (e) {
    error.textContent = e.message;
    throw e;
  }
}

// One line per step; the action type is named only when it says more than the strategy's name.
function renderTimeline(rows) {
  const list = document.getElementById('timeline');
  list.replaceChildren();
  if (rows.length === 0) list.append(el('li', {class: 'empty'}, 'No healing activity in the last 24 hours.'));
  rows.forEach(a => list.append(el('li', {},
    el('span', {class: 'muted'}, when(a.occurredAt)), ' ',
    a.kind === 'result' ? 'verified ' : '', `#${a.actionId} ${a.strategy}`,
    a.actionType && a.actionType !== a.strategy ? ` via ${a.actionType}` : '', ' ',
    el('span', {class: 'state'}, a.state), a.dryRun ? ' [dry run]' : '', a.actor ? ` by ${a.actor}` : '',
    a.service ? ` on ${a.service}` : '', ' ', a.incidentId ? link(`#/incidents/${a.incidentId}`, `incident #${a.incidentId}`) : '',
    a.reason && a.state !== 'succeeded' ? el('span', {class: 'muted'}, ` — ${a.reason}`) : '')));
}

function renderStrategies(rows) {
  const body = fill('strategies', rows, 6, 'No verified healing yet.');
  rows.forEach(s => {
    const rate = Number(s.successRate || 0);
    body.append(el('tr', {'data-strategy': s.strategy},
      el('td', {}, s.strategy), el('td', {}, String(s.attempts)), el('td', {}, String(s.verified)),
      el('td', {}, String(s.failed)),
      el('td', {}, el('span', {class: 'rate-bar', style: `width:${Math.round(rate * 80)}px`}), `${(rate * 100).toFixed(0)} %`),
      el('td', {}, s.mttrSeconds === null ? '' : `${number(s.mttrSeconds, 0)} s`)));
  });
}

function renderApprovals(rows) {
  const body = fill('approvals', rows, 8, 'Nothing waits for approval.');
  rows.forEach(a => body.append(el('tr', {'data-action': String(a.id)},
    el('td', {}, a.incidentId ? link(`#/incidents/${a.incidentId}`, `#${a.id}`) : `#${a.id}`), el('td', {}, a.service),
    el('td', {}, a.strategy), el('td', {}, a.actionType),
    el('td', {}, a.reason || ''), el('td', {}, when(a.createdAt)), el('td', {}, when(a.expiresAt)),
    el('td', {},
      el('button', {class: 'approve', onclick: () => decide(a.id, 'approve')}, 'Approve'),
      el('button', {class: 'reject', onclick: () => decide(a.id, 'reject')}, 'Reject')))));
}

// Approve or reject through the healing API, with the operator's token; the answer is shown as it came.
async function decide(actionId, decision) {
  const status = document.getElementById('approval-result');
  const token = document.getElementById('token').value.trim();
  if (!token) {
    status.className = 'error';
    status.textContent = 'Enter your operator token first.';
    return;
  }
  try {
    const response = await fetch(`${API}/actions/${actionId}/${decision}`, {
      method: 'POST',
      headers: {...authorization(), 'Content-Type': 'application/json'},
      body: JSON.stringify({reason: `${decision}d from the dashboard`})
    });
    const text = await response.text();
    status.className = response.ok ? 'ok' : 'error';
    status.textContent = response.ok
      ? `Action #${actionId}: ${decision}d.`
      : `Action #${actionId}: ${decision} refused (HTTP ${response.status}) ${text}`;
  } catch (e) {
    status.className = 'error';
    status.textContent = `Action #${actionId}: ${e.message}`;
  }
  refresh();
}

const views = {
  fingerprints: renderFingerprints, timeline: renderTimeline, strategies: renderStrategies, approvals: renderApprovals
};

// Hawtio and Grafana, when their URLs are configured (selfheal.dashboard.hawtio-url, grafana-url).
async function links() {
  const configured = await view('links');
  const nav = document.getElementById('links');
  nav.querySelectorAll('a.external').forEach(a => a.remove());
  Object.entries(configured).filter(([, url]) => url)
    .forEach(([name, url]) => nav.append(el('a', {href: url, class: 'external', target: '_blank', rel: 'noopener'}, name)));
}

async function refreshOverview() {
  const work = Object.entries(views).map(([name, render]) => view(name).then(render));
  const results = await Promise.allSettled([...work, incidents()]);
  const failed = results.filter(r => r.status === 'rejected').map(r => r.reason.message);
  document.getElementById('updated').textContent = failed.length
    ? `Update failed: ${failed.join('; ')}` : `Updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.loaded = 'true';
}

// The page the address names: the overview, or an incident or group page (detail.js).
async function route() {
  const [, kind, id] = location.hash.match(/^#\/(incidents|fingerprints)\/([^/]+)$/) || [];
  document.getElementById('overview').hidden = Boolean(kind);
  document.getElementById('detail').hidden = !kind;
  document.body.dataset.loaded = 'false';
  if (kind) {
    await showDetail(kind, decodeURIComponent(id));
  } else {
    await refreshOverview();
  }
}

function refresh() {
  return location.hash.length > 2 ? Promise.resolve() : route();
}

document.getElementById('filters').addEventListener('submit', event => {
  event.preventDefault();
  incidents().catch(() => {});
});
window.addEventListener('hashchange', route);
document.getElementById('token').addEventListener('change', () => { links().catch(() => {}); route(); });
// Started once detail.js, loaded after this file, is there too.
document.addEventListener('DOMContentLoaded', () => {
  links().catch(() => {});
  route();
  setInterval(refresh, REFRESH_MS);
});
