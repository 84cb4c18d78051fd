// Selfheal dashboard, incident and group pages (#/incidents/<id>, #/fingerprints/<id>): everything
// GET /api/v1/incidents/{id} and GET /api/v1/fingerprints/{id} return, and the operator's triage buttons.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(c => node.append(c));
  return node;
}

// Occurrences per minute over the page's span: one bar per bucket, the peak and the span's ends labelled.
function rateChart(rate) {
  const points = rate.points, width = 720, height = 140, pad = 24;
  const max = Math.max(0.0001, ...points.map(p => p.perMinute));
  const step = (width - pad) / points.length;
  const chart = svg('svg', {class: 'rate', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `occurrences per minute, peak ${max.toFixed(1)}`});
  points.forEach((p, i) => {
    const h = (p.perMinute / max) * (height - 2 * pad);
    const bar = svg('rect', {x: (pad + i * step).toFixed(1), y: (height - pad - h).toFixed(1),
      width: Math.max(1, step - 1).toFixed(1), height: h.toFixed(1)});
    bar.append(svg('title', {}, `${new Date(p.start).toLocaleString()}: ${p.count} (${p.perMinute.toFixed(2)}/min)`));
    chart.append(bar);
  });
  chart.append(svg('text', {x: pad, y: 12}, `peak ${max.toFixed(1)}/min`),
    svg('text', {x: pad, y: height - 6}, when(points[0].start)),
    svg('text', {x: width - 4, y: height - 6, 'text-anchor': 'end'}, when(points[points.length - 1].start)),
    svg('line', {x1: pad, y1: height - pad, x2: width, y2: height - pad}));
  return chart;
}

function json(value) {
  return el('pre', {class: 'json'}, value === null || value === undefined ? '' : JSON.stringify(value, null, 2));
}

function section(title, ...content) {
  return el('section', {}, el('h2', {}, title), ...content);
}

function table(id, headers, rows, emptyText) {
  const body = el('tbody', {});
  if (rows.length === 0) body.append(el('tr', {}, el('td', {colspan: String(headers.length), class: 'empty'}, emptyText)));
  rows.forEach(r => body.append(r));
  return el('table', {id}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))), body);
}

function facts(pairs) {
  return el('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function parameters(list) {
  return table('parameters', ['Placeholder', 'Sample values'], (list || []).map(p =>
    el('tr', {}, el('td', {}, p.placeholder || ''), el('td', {}, (p.samples || []).join(', ')))),
  'No template parameters (a stack trace or a rule names this group).');
}

function samples(list) {
  return table('samples', ['Time', 'Level', 'Service', 'Message'], list.map(s => el('tr', {},
    el('td', {}, when(s.ts)), el('td', {}, s.level), el('td', {}, s.service),
    el('td', {class: 'template'}, s.message || '', s.stackTrace ? el('details', {}, el('summary', {}, 'stack'),
      el('pre', {}, s.stackTrace)) : ''))), 'No occurrence left (retention removed them).');
}

function diagnosis(d) {
  if (!d) return el('p', {class: 'empty'}, 'No diagnosis recorded for this incident yet.');
  const parts = d.confidenceBreakdown || {};
  const rows = Object.entries(parts).filter(([, p]) => typeof p === 'object').map(([name, p]) => el('tr', {},
    el('td', {}, name), el('td', {}, number(p.weight, 2)), el('td', {}, number(p.value, 2)),
    el('td', {}, number(p.contribution, 3)),
    el('td', {}, name === 'pastSuccess' ? `${p.verified}/${p.attempts} verified` : '')));
  return el('div', {id: 'diagnosis'}, facts([['Suggested', d.strategy], ['By', d.source], ['Confidence', number(d.confidence, 2)],
    ['Decision', d.decision], ['Risk', d.risk], ['Routed by', d.routedBy]]), el('p', {class: 'rationale'}, d.rationale || ''),
  table('confidence', ['Part', 'Weight', 'Value', 'Contribution', ''], rows, 'No confidence breakdown recorded.'));
}

// Each action with what it would send or sent (params), what came back (result), why, and its undo when one ran.
function actions(list) {
  return table('actions', ['#', 'Strategy', 'Status', 'Reason', 'Request', 'Response', 'Verification', 'Undo'],
    list.map(a => el('tr', {'data-action': String(a.id)},
      el('td', {}, `#${a.id}`), el('td', {}, a.strategy, a.actionType && a.actionType !== a.strategy ? ` via ${a.actionType}` : ''),
      el('td', {}, a.status, a.dryRun ? ' [dry run]' : ''), el('td', {}, a.reason || ''),
      el('td', {}, json(a.params)), el('td', {}, json(a.result)),
      el('td', {}, a.verification ? `${a.verification}${a.rateAfter !== null && a.rateAfter !== undefined
        ? ` (rate ${number(a.rateBefore, 1)} → ${number(a.rateAfter, 1)}/min)` : ''}` : ''),
      el('td', {}, a.compensatedBy ? `undone by #${a.compensatedBy}` : a.compensates ? `undoes #${a.compensates}` : ''))),
    'No action taken.');
}

// Acknowledge / resolve / mute / unmute through the API with the operator's token, then show the page again.
async function triage(id, change) {
  const status = document.getElementById('triage-result');
  const token = document.getElementById('token').value.trim();
  if (!token) {
    status.className = 'error';
    status.textContent = 'Enter your operator token first.';
    return;
  }
  const response = await fetch(`${API}/incidents/${id}/${change}`, {method: 'POST',
    headers: {...authorization(), 'Content-Type': 'application/json'}, body: '{}'});
  const body = await response.json().catch(() => ({}));
  await showDetail('incidents', id);
  const shown = document.getElementById('triage-result');
  shown.className = response.ok ? 'ok' : 'error';
  shown.textContent = response.ok ? `Incident #${id}: ${change} recorded at ${when(body.at)} by ${body.by}.`
    : `Incident #${id}: ${change} refused (HTTP ${response.status}) ${body.message || ''}`;
}

function incidentPage(i) {
  const inProgress = ['open', 'healing', 'escalated'].includes(i.status);
  const buttons = [
    inProgress && !i.acknowledgedAt ? ['acknowledge', 'Acknowledge'] : null,
    inProgress ? ['resolve', 'Resolve'] : null,
    inProgress && !i.mutedAt ? ['mute', 'Mute'] : null,
    i.mutedAt ? ['unmute', 'Unmute'] : null].filter(Boolean)
    .map(([change, label]) => el('button', {class: change, onclick: () => triage(i.id, change)}, label));
  return [
    el('section', {id: 'incident-head'},
      el('p', {}, link('#/', '← overview')),
      el('h2', {}, `Incident #${i.id} — ${i.service}: `, el('span', {class: 'template'}, what(i))),
      facts([['Severity', el('span', {class: `sev-${i.severity}`}, `${i.severity} (score ${number(i.severityScore, 2)})`)],
        ['Status', [i.status, ...triageBadges(i)]], ['Detected', when(i.detectedAt)],
        ['Resolved', i.resolvedAt ? `${when(i.resolvedAt)}${i.resolvedBy ? ` by ${i.resolvedBy}` : ''}` : ''],
        ['Acknowledged', i.acknowledgedAt ? `${when(i.acknowledgedAt)} by ${i.acknowledgedBy}` : ''],
        ['Muted', i.mutedAt ? `${when(i.mutedAt)} by ${i.mutedBy}` : ''],
        ['Rate', `${number(i.ratePerMinute, 1)}/min (baseline ${number(i.baselineRate, 2)})`],
        ['Group', link(`#/fingerprints/${i.fingerprintId}`, i.fingerprintId)]]),
      el('div', {class: 'buttons'}, buttons), el('p', {id: 'triage-result', role: 'status'})),
    section('Occurrences per minute', rateChart(i.rate)),
    section('Why this severity', el('ul', {id: 'severity-reasons'},
      (i.severityReasons || []).map(r => el('li', {}, typeof r === 'string' ? r : JSON.stringify(r))))),
    section('Template', el('pre', {class: 'template'}, i.template || ''), parameters(i.parameters)),
    section('Latest occurrences', samples(i.samples)),
    section('Stack trace', el('pre', {id: 'stack'}, i.sampleStack || 'No stack trace recorded.')),
    section('Diagnosis', diagnosis(i.diagnosis)),
    section('Actions', actions(i.actions)),
    section('Operator changes', el('ul', {id: 'changes'}, i.changes.length === 0 ? el('li', {class: 'empty'}, 'None.')
      : i.changes.map(c => el('li', {}, `${when(c.changedAt)} ${c.change} by ${c.actor}`))))
  ];
}

function groupPage(g) {
  return [
    el('section', {id: 'group-head'},
      el('p', {}, link('#/', '← overview')),
      el('h2', {}, `Group ${g.id} — ${g.service}: `, el('span', {class: 'template'}, what(g))),
      facts([['Type', g.errorType], ['Level', g.level], ['Status', g.status], ['Severity', g.severity],
        ['Occurrences', String(g.occurrences)], ['First seen', when(g.firstSeen)], ['Last seen', when(g.lastSeen)],
        ['Merged into', g.mergedInto ? link(`#/fingerprints/${g.mergedInto}`, g.mergedInto) : ''],
        ['Merged from', (g.mergedFrom || []).join(', ')]])),
    section('Occurrences per minute (last 24 h)', rateChart(g.rate)),
    section('Template', el('pre', {class: 'template'}, g.template || ''), parameters(g.parameters)),
    section('Latest occurrences', samples(g.samples)),
    section('Stack trace', el('pre', {id: 'stack'}, g.sampleStack || 'No stack trace recorded.')),
    section('Incidents', table('group-incidents', ['#', 'Severity', 'Status', 'Detected', 'Resolved'], g.incidents.map(i =>
      el('tr', {}, el('td', {}, link(`#/incidents/${i.id}`, `#${i.id}`)), el('td', {class: `sev-${i.severity}`}, i.severity),
        el('td', {}, i.status, ...triageBadges(i)), el('td', {}, when(i.detectedAt)), el('td', {}, when(i.resolvedAt)))),
    'No incident for this group.')),
    section('Actions', actions(g.actions))
  ];
}

async function showDetail(kind, id) {
  const detail = document.getElementById('detail');
  try {
    const data = await api(`/${kind}/${encodeURIComponent(id)}`);
    detail.replaceChildren(...(kind === 'incidents' ? incidentPage(data) : groupPage(data)));
    document.getElementById('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    detail.replaceChildren(section('Not available', link('#/', '← overview'), el('p', {class: 'error'}, e.message)));
  }
  document.body.dataset.loaded = 'true';
}
