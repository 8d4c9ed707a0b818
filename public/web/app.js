// Parley's read-only web view: signs in with the one-time code from the chat, then shows the
// portfolio and keeps it current over a websocket. It has no trading controls by design.
'use strict';

const $ = (id) => document.getElementById(id);
const SESSION = 'parley.web.session';
let socket = null;
let retryMs = 1000;
let session = null;
let refreshTimer = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
function fmtMoney(value) {
  return value === null || value === undefined ? '—' : money.format(Number(value));
}
function fmtSigned(value) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  return (n > 0 ? '+' : n < 0 ? '−' : '') + money.format(Math.abs(n));
}
function fmtPct(value) {
  if (value === null || value === undefined) return '';
  const n = Number(value);
  return ` (${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(2)}%)`;
}
function fmtAmount(value) {
  if (value === null || value === undefined) return '—';
  const [int, frac = ''] = String(value).split('.');
  const trimmed = frac.slice(0, 8).replace(/0+$/, '');
  return Number(int).toLocaleString('en-US') + (trimmed ? '.' + trimmed : '');
}
function fmtPrice(value, decimals) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  const d = typeof decimals === 'number' ? decimals : n >= 100 ? 2 : n >= 1 ? 4 : 6;
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
function tone(node, value) {
  const n = Number(value);
  node.classList.remove('up', 'down');
  if (n > 0) node.classList.add('up');
  if (n < 0) node.classList.add('down');
}
function time(iso) {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString([], { month: 'short', day: 'numeric' }) + ' ' + d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = 'status' + (kind ? ' ' + kind : '');
}

/** The page is over (no link, expired, used, or the session ended): say why and what to do. */
function ended(text) {
  if (socket) socket.close();
  socket = null;
  clearInterval(refreshTimer);
  sessionStorage.removeItem(SESSION);
  $('main').hidden = true;
  setStatus(text, 'ended');
}

function rowOf(cells) {
  const tr = el('tr');
  for (const [text, className, sub] of cells) {
    const td = el('td', className, text);
    if (sub) td.append(el('span', 'sub', sub));
    tr.append(td);
  }
  return tr;
}
function fill(tbody, rows, emptyText, columns) {
  tbody.replaceChildren(...(rows.length ? rows : [rowOf([[emptyText, 'empty']])]));
  if (!rows.length) tbody.firstChild.firstChild.colSpan = columns;
}

function drawCurve(points) {
  const box = $('curve');
  const note = $('curve-note');
  if (points.length < 2) {
    box.replaceChildren();
    note.textContent = 'The curve starts once there are two days of equity (one point is kept per UTC day).';
    return;
  }
  const W = 640, H = 200, P = 8;
  const values = points.map((p) => Number(p.equity));
  const times = points.map((p) => Date.parse(p.at));
  const min = Math.min(...values), max = Math.max(...values);
  const span = max - min || Math.max(1, Math.abs(max) * 0.01);
  const x = (t) => P + ((t - times[0]) / (times[times.length - 1] - times[0] || 1)) * (W - 2 * P);
  const y = (v) => H - P - ((v - min) / span) * (H - 2 * P);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Equity from ${fmtMoney(values[0])} to ${fmtMoney(values[values.length - 1])} USDT`);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ');
  const area = document.createElementNS(ns, 'path');
  area.setAttribute('d', `${line} L${x(times[times.length - 1]).toFixed(1)},${H - P} L${P},${H - P} Z`);
  area.setAttribute('fill', 'rgba(94,162,224,0.15)');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', line);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', '#5ea2e0');
  path.setAttribute('stroke-width', '2.5');
  svg.append(area, path);
  box.replaceChildren(svg);
  note.textContent = `${fmtMoney(min)} – ${fmtMoney(max)} USDT · ${time(points[0].at)} → ${time(points[points.length - 1].at)}`;
}

function alertText(a) {
  const again = a.repeats ? ' · every time' : '';
  if (a.kind === 'move') {
    const way = a.direction === 'up' ? 'rises' : a.direction === 'down' ? 'falls' : 'moves';
    const window = a.window_minutes % 60 === 0 ? `${a.window_minutes / 60} h` : `${a.window_minutes} min`;
    return `📈 ${a.symbol} ${way} ${Number(a.move_pct)}% within ${window}${again}`;
  }
  return `🔔 ${a.symbol} ${a.direction === 'above' ? 'above' : 'below'} ${fmtPrice(a.price)}${again}`;
}

function render(s) {
  $('main').hidden = false;
  $('account').textContent = s.account.paper ? 'Paper account' : `${s.account.exchange} · ${s.account.label}`;
  const mode = $('mode');
  mode.hidden = false;
  mode.textContent = s.account.paper ? 'Paper' : s.account.mode === 'testnet' ? 'Testnet' : 'Live';
  mode.className = 'badge ' + (s.account.paper ? 'paper' : 'live');
  $('value').textContent = `${fmtMoney(s.total_value)} ${s.quote}`;
  const pnl = $('pnl');
  pnl.textContent = fmtSigned(s.total_pnl) + fmtPct(s.total_pnl_pct);
  tone(pnl, s.total_pnl);
  const daily = $('daily');
  daily.textContent = fmtSigned(s.daily_pnl);
  tone(daily, s.daily_pnl);
  $('realized').textContent = fmtSigned(s.realized_pnl);
  tone($('realized'), s.realized_pnl);
  $('unrealized').textContent = fmtSigned(s.unrealized_pnl);
  tone($('unrealized'), s.unrealized_pnl);
  $('cash').textContent = `${fmtMoney(Number(s.cash.free) + Number(s.cash.locked))} ${s.cash.asset}`;
  $('fees').textContent = fmtMoney(s.fees);

  fill($('positions'), s.positions.map((p) => {
    const tr = rowOf([
      [p.asset, null, Number(p.locked) > 0 ? `${fmtAmount(p.amount)} · ${fmtAmount(p.locked)} in orders` : fmtAmount(p.amount)],
      [p.value === null ? 'no price' : fmtMoney(p.value), 'num', p.avg_entry === null ? null : `${fmtPrice(p.avg_entry)} → ${fmtPrice(p.price)}`],
      [p.unrealized_pnl === null ? '—' : fmtSigned(p.unrealized_pnl), 'num', p.unrealized_pnl_pct === null ? null : fmtPct(p.unrealized_pnl_pct).trim().replace(/[()]/g, '')],
    ]);
    if (p.unrealized_pnl !== null) tone(tr.lastChild, p.unrealized_pnl);
    return tr;
  }), 'No coins held: cash only.', 3);

  const typeName = { market: 'market', limit: 'limit', stop_loss: 'stop-loss', take_profit: 'take-profit' };
  fill($('orders'), s.open_orders.map((o) => rowOf([
    [`#${o.id}`],
    [`${o.side === 'buy' ? 'Buy' : 'Sell'} ${fmtAmount(o.amount)} ${o.symbol.split('/')[0]}`, null, `${o.symbol} · ${typeName[o.type] || o.type}`],
    [fmtPrice(o.trigger_price || o.price, o.price_decimals), 'num'],
    [fmtAmount(o.filled), 'num'],
  ])), 'No open orders.', 4);

  fill($('fills'), s.fills.map((f) => rowOf([
    [`#${f.id}`],
    [`${f.side === 'buy' ? 'Bought' : 'Sold'} ${fmtAmount(f.filled)} ${f.symbol.split('/')[0]}`, null, `${f.symbol} · ${time(f.at)}`],
    [fmtPrice(f.average, f.price_decimals), 'num'],
    [fmtMoney(f.cost), 'num', `fee ${f.fee_currency === 'USDT' || !f.fee_currency ? fmtMoney(f.fee) : fmtAmount(f.fee)} ${f.fee_currency || ''}`],
  ])), 'No fills yet.', 4);

  const alerts = $('alerts');
  alerts.replaceChildren(...(s.alerts.length
    ? s.alerts.map((a) => el('li', null, alertText(a)))
    : [el('li', 'empty', 'No active alerts.')]));

  drawCurve(s.equity_curve);
  setStatus(`Live · updated ${new Date(s.at).toLocaleTimeString()}`);
}

const EVENT_WORDS = {
  'confirmation.settled': 'A trade was confirmed',
  'order.filled': 'An order filled',
  'order.partially_filled': 'An order partly filled',
  'order.cancelled': 'An order was cancelled',
  'order.expired': 'An order expired',
  'order.rejected': 'An order was rejected',
  'order.resized': 'A stop was resized',
  'alert.fired': 'An alert fired',
  'risk.paused': 'New risk is paused',
};

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/api/v1/ws/portfolio`);
  socket = ws;
  ws.addEventListener('open', () => {
    retryMs = 1000;
    ws.send(JSON.stringify({ type: 'auth', token: session.token }));
  });
  ws.addEventListener('message', (message) => {
    let data;
    try { data = JSON.parse(message.data); } catch { return; }
    if (data.type === 'portfolio') {
      render(data.data);
      $('main').classList.remove('flash');
    } else if (data.type === 'event') {
      setStatus(`${EVENT_WORDS[data.kind] || 'Something changed'} — updating…`);
      $('main').classList.add('flash');
    } else if (data.type === 'error') {
      setStatus(data.message, 'problem');
    }
  });
  ws.addEventListener('close', (event) => {
    if (socket !== ws) return;
    if (event.code === 4001) return ended('This view has ended. Send /web to Parley in the chat for a new link.');
    setStatus('Connection lost — reconnecting…', 'problem');
    setTimeout(() => session && connect(), retryMs);
    retryMs = Math.min(retryMs * 2, 15000);
  });
}

async function start() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/web/sw.js', { scope: '/web/' }).catch(() => {});
  const code = new URLSearchParams(location.hash.slice(1)).get('c');
  if (code) {
    // The code leaves the address bar at once: a shared screenshot or history entry holds nothing.
    history.replaceState(null, '', '/web/');
    let response;
    try {
      response = await fetch('/web/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    } catch {
      return ended('Parley cannot be reached right now. Try the link again in a moment.');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return ended(body.error && body.error.message ? body.error.message : 'This link does not work. Send /web to Parley for a new one.');
    session = { token: body.token, expiresAt: body.expires_at };
    sessionStorage.setItem(SESSION, JSON.stringify(session));
  } else {
    try { session = JSON.parse(sessionStorage.getItem(SESSION) || 'null'); } catch { session = null; }
    if (!session || Date.parse(session.expiresAt) <= Date.now()) return ended('Open this page from the chat: send /web to Parley and tap the link it sends. Each link works once.');
  }
  $('ends').textContent = `This view ends at ${new Date(session.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`;
  connect();
  refreshTimer = setInterval(() => socket && socket.readyState === 1 && socket.send('{"type":"refresh"}'), 60000);
}

// A new link opened in a tab that already shows the view changes only the fragment: start over with it.
window.addEventListener('hashchange', () => location.reload());
start();
