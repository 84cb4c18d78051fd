// Selfheal dashboard: reads /api/v1/dashboard/* and refreshes every 10 s; no build step, no dependencies.
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

async function view(name) {
  const response = await fetch(`${API}/dashboard/${name}`, {headers: authorization()});
  if (response.status === 401) throw new Error(`${name}: enter a read or operator token`);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.json();
}

function renderFingerprints(rows) {
  const body = fill('fingerprints', rows, 7, 'No errors recorded yet.');
  rows.forEach(f => body.append(el('tr', {'data-fingerprint': f.id},
    el('td', {}, f.service), el('td', {}, f.error_type), el('td', {class: 'template'}, f.template),
    el('td', {}, String(f.last_24h)), el('td', {}, sparkline(f.hourly.map(Number))),
    el('td', {}, String(f.occurrence_count)), el('td', {}, when(f.last_seen)))));
}

function renderIncidents(rows) {
  const body = fill('incidents', rows, 7, 'No incidents.');
  rows.forEach(i => body.append(el('tr', {},
    el('td', {}, String(i.id)), el('td', {}, i.service), el('td', {}, i.error_type),
    el('td', {class: `sev-${i.severity}`}, i.severity), el('td', {}, i.status),
    el('td', {}, number(i.rate_per_minute, 1)), el('td', {}, when(i.detected_at)))));
}

function renderTimeline(rows) {
  const list = document.getElementById('timeline');
  list.replaceChildren();
  if (rows.length === 0) list.append(el('li', {class: 'empty'}, 'No healing activity in the last 24 hours.'));
  rows.forEach(a => list.append(el('li', {},
    el('span', {class: 'muted'}, when(a.occurred_at)), ' ',
    `${a.kind} #${a.action_id} ${a.strategy} (${a.action_type}) `, el('span', {class: 'state'}, a.state),
    a.dry_run ? ' [dry run]' : '', a.actor ? ` by ${a.actor}` : '')));
}

function renderStrategies(rows) {
  const body = fill('strategies', rows, 6, 'No verified healing yet.');
  rows.forEach(s => {
    const rate = Number(s.success_rate || 0);
    body.append(el('tr', {'data-strategy': s.strategy},
      el('td', {}, s.strategy), el('td', {}, String(s.attempts)), el('td', {}, String(s.verified)),
      el('td', {}, String(s.failed)),
      el('td', {}, el('span', {class: 'rate-bar', style: `width:${Math.round(rate * 80)}px`}), `${(rate * 100).toFixed(0)} %`),
      el('td', {}, s.mttr_seconds === null ? '' : `${number(s.mttr_seconds, 0)} s`)));
  });
}

function renderApprovals(rows) {
  const body = fill('approvals', rows, 8, 'Nothing waits for approval.');
  rows.forEach(a => body.append(el('tr', {'data-action': String(a.id)},
    el('td', {}, `#${a.id}`), el('td', {}, a.service), el('td', {}, a.strategy), el('td', {}, a.action_type),
    el('td', {}, a.reason || ''), el('td', {}, when(a.created_at)), el('td', {}, when(a.expires_at)),
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
  fingerprints: renderFingerprints, incidents: renderIncidents, timeline: renderTimeline,
  strategies: renderStrategies, approvals: renderApprovals
};

async function refresh() {
  const results = await Promise.allSettled(Object.entries(views).map(([name, render]) => view(name).then(render)));
  const failed = results.filter(r => r.status === 'rejected').map(r => r.reason.message);
  document.getElementById('updated').textContent = failed.length
    ? `Update failed: ${failed.join('; ')}` : `Updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.loaded = 'true';
}

refresh();
setInterval(refresh, REFRESH_MS);
document.getElementById('token').addEventListener('change', refresh);
