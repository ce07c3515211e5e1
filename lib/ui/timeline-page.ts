/**
 * The timeline page: one self-contained HTML document (styles and script inlined, nothing
 * fetched from elsewhere) that follows `/events` (server-sent events) and draws the saga live:
 * counters, orders and their progress, queues (DLQs in red), functions, the latest events, and
 * the timeline of the selected order from `/api/orders/<id>/timeline`.
 *
 * The script runs in the browser, so it is plain ES2020 in a string, not TypeScript.
 */
export const TIMELINE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>choreo — live saga timeline</title>
<style>
  :root { --bg:#0f1419; --panel:#182029; --line:#2a3541; --text:#d9e1e8; --muted:#8a99a8; --ok:#3fb950; --bad:#f85149; --wait:#d29922; --accent:#58a6ff; }
  * { box-sizing: border-box; }
  body { margin:0; font:13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--text); }
  header { display:flex; align-items:center; gap:16px; padding:12px 20px; border-bottom:1px solid var(--line); }
  header h1 { font-size:16px; margin:0; font-weight:600; }
  #connection { font-size:12px; color:var(--muted); }
  #connection.live::before { content:"● "; color:var(--ok); }
  #connection.down::before { content:"● "; color:var(--bad); }
  .counters { display:flex; gap:10px; padding:12px 20px; flex-wrap:wrap; }
  .counter { background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:8px 12px; min-width:110px; }
  .counter b { display:block; font-size:20px; font-variant-numeric:tabular-nums; }
  .counter span { color:var(--muted); font-size:11px; text-transform:uppercase; letter-spacing:.04em; }
  .counter.alert b { color:var(--bad); }
  main { display:grid; grid-template-columns: minmax(0,1.3fr) minmax(0,1fr); gap:14px; padding:0 20px 20px;
    grid-template-areas: "orders timeline" "queues timeline" "queues functions" "feed feed"; align-items:start; }
  #orders-panel { grid-area: orders; } #timeline-panel { grid-area: timeline; } #queues-panel { grid-area: queues; }
  #functions-panel { grid-area: functions; } #feed-panel { grid-area: feed; }
  #timeline { max-height: 720px; }
  section { background:var(--panel); border:1px solid var(--line); border-radius:6px; padding:10px 12px; min-width:0; }
  section h2 { font-size:12px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); margin:0 0 8px; }
  table { width:100%; border-collapse:collapse; font-variant-numeric:tabular-nums; }
  th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); white-space:nowrap; overflow:hidden; text-overflow:ellipsis; max-width:320px; }
  th { color:var(--muted); font-weight:500; font-size:11px; }
  tr.order { cursor:pointer; }
  tr.order:hover, tr.order.selected { background:#22303d; }
  .status { display:inline-block; padding:0 6px; border-radius:10px; font-size:11px; font-weight:600; }
  .status.PENDING { background:#3a2f12; color:var(--wait); }
  .status.CONFIRMED { background:#12351d; color:var(--ok); }
  .status.CANCELLED { background:#3d1614; color:var(--bad); }
  .steps { display:flex; gap:3px; }
  .step { width:14px; height:8px; border-radius:2px; background:var(--line); }
  .step.done { background:var(--accent); }
  .step.failed { background:var(--bad); }
  .dlq td { color:var(--bad); font-weight:600; }
  .num { text-align:right; }
  #timeline-title { color:var(--text); text-transform:none; letter-spacing:0; font-size:13px; }
  .bar-row { display:grid; grid-template-columns: 70px 110px 1fr; gap:8px; align-items:center; padding:2px 0; border-bottom:1px solid var(--line); }
  .bar-row .offset { color:var(--muted); text-align:right; font-variant-numeric:tabular-nums; }
  .bar-row .kind { font-weight:600; }
  .bar-row .desc { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
  .track { position:relative; height:3px; background:var(--line); border-radius:2px; grid-column: 1 / 4; margin:0 0 2px; }
  .track i { position:absolute; top:-2px; width:8px; height:8px; border-radius:50%; background:var(--accent); transform:translateX(-4px); }
  .kind-publish { color:var(--accent); } .kind-invoke { color:#bc8cff; } .kind-dead-letter, .kind-target-DLQ, .kind-rejected { color:var(--bad); }
  #feed { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:11px; max-height:260px; overflow:auto; }
  #feed div { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; color:var(--muted); }
  #feed b { color:var(--text); font-weight:500; }
  .empty { color:var(--muted); font-style:italic; padding:6px; }
  .scroll { max-height:340px; overflow:auto; }
</style>
</head>
<body>
<header><h1>serverless-choreography · live saga</h1><span id="connection">connecting…</span></header>
<div class="counters">
  <div class="counter"><b id="c-orders">0</b><span>orders</span></div>
  <div class="counter"><b id="c-confirmed">0</b><span>confirmed</span></div>
  <div class="counter"><b id="c-cancelled">0</b><span>cancelled</span></div>
  <div class="counter"><b id="c-events">0</b><span>events put</span></div>
  <div class="counter"><b id="c-messages">0</b><span>messages sent</span></div>
  <div class="counter"><b id="c-invocations">0</b><span>invocations</span></div>
  <div class="counter"><b id="c-errors">0</b><span>errors</span></div>
  <div class="counter" id="c-dlq-box"><b id="c-dlq">0</b><span>in DLQs</span></div>
  <div class="counter" id="c-dropped-box" title="the trace keeps its newest records (--trace-buffer); --trace-out keeps every one"><b id="c-dropped">0</b><span>trace records dropped</span></div>
</div>
<main>
  <section id="orders-panel">
    <h2>Orders</h2>
    <div class="scroll"><table id="orders"><thead><tr><th>order</th><th>variant</th><th>status</th><th>progress</th><th>last event</th><th class="num">ms</th></tr></thead><tbody></tbody></table>
    <div class="empty" id="orders-empty">no order yet: place some (choreo publish --demo, or the demo)</div></div>
  </section>
  <section id="timeline-panel">
    <h2>Timeline <span id="timeline-title">— click an order</span></h2>
    <div id="timeline" class="scroll"></div>
  </section>
  <section id="queues-panel">
    <h2>Queues</h2>
    <table id="queues"><thead><tr><th>queue</th><th class="num">visible</th><th class="num">in flight</th><th class="num">delayed</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="functions-panel">
    <h2>Functions</h2>
    <table id="functions"><thead><tr><th>function</th><th class="num">invocations</th><th class="num">cold</th><th class="num">running</th><th class="num">errors</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="feed-panel">
    <h2>Latest events</h2>
    <div id="feed"></div>
  </section>
</main>
<script>
(function () {
  'use strict';
  var STEPS = ['OrderPlaced', 'StockReserved', 'PaymentCompleted', 'ShipmentScheduled', 'OrderConfirmed'];
  var FAILURES = { StockReservationFailed: 1, PaymentFailed: 2, StockReleased: 2, OrderCancelled: 4 };
  var orders = new Map();
  var counts = { events: 0, messages: 0, invocations: 0, errors: 0 };
  var feed = [];
  var selected = null;
  var dirty = false;

  function $(id) { return document.getElementById(id); }
  function esc(text) { return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
  function variantOf(bus) { var m = /shop-([a-z]+)/.exec(bus || ''); return m ? m[1] : (bus || ''); }

  function orderOf(id) {
    var order = orders.get(id);
    if (!order) { order = { id: id, variant: '', status: 'PENDING', steps: {}, failedAt: -1, last: '', first: 0, lastAt: 0 }; orders.set(id, order); }
    return order;
  }

  function apply(event) {
    if (event.kind === 'event.put') counts.events++;
    else if (event.kind === 'message.sent') counts.messages++;
    else if (event.kind === 'invocation.ended') { counts.invocations++; if (event.outcome !== 'success') counts.errors++; }
    if (event.kind === 'event.put' && event.correlationId) {
      var order = orderOf(event.correlationId);
      if (!order.first) order.first = event.at;
      order.lastAt = event.at;
      order.variant = variantOf(event.bus);
      order.last = event.detailType;
      var index = STEPS.indexOf(event.detailType);
      if (index >= 0) order.steps[index] = true;
      if (event.detailType in FAILURES) order.failedAt = FAILURES[event.detailType];
      if (event.detailType === 'OrderConfirmed') order.status = 'CONFIRMED';
      if (event.detailType === 'OrderCancelled') order.status = 'CANCELLED';
    }
    feed.push(event);
    if (feed.length > 60) feed.shift();
    dirty = true;
  }

  function describe(event) {
    switch (event.kind) {
      case 'event.put': return event.detailType + ' on ' + event.bus + ' by ' + event.caller;
      case 'rule.matched': return event.detailType + ' → ' + event.rule;
      case 'message.sent': case 'message.deleted': return event.queue;
      case 'message.received': return event.queue + ' (#' + event.receiveCount + ')';
      case 'message.dead-lettered': return event.queue + ' → ' + event.deadLetterQueue + ': ' + event.reason;
      case 'invocation.started': return event.functionName + (event.coldStart ? ' (cold)' : '') + ' ← ' + event.trigger;
      case 'invocation.ended': return event.functionName + ' ' + event.outcome + ' in ' + Math.round(event.durationMs) + ' ms' + (event.error ? ': ' + event.error : '');
      default: return event.rule || event.queue || event.functionName || event.stateMachine || '';
    }
  }

  function renderOrders() {
    var rows = Array.from(orders.values()).sort(function (a, b) { return b.first - a.first; });
    $('orders-empty').style.display = rows.length ? 'none' : '';
    $('orders').tBodies[0].innerHTML = rows.map(function (order) {
      var steps = STEPS.map(function (_, i) {
        var cls = order.steps[i] ? 'done' : (order.failedAt === i ? 'failed' : '');
        return '<span class="step ' + cls + '"></span>';
      }).join('');
      return '<tr class="order' + (order.id === selected ? ' selected' : '') + '" data-order="' + esc(order.id) + '">' +
        '<td>' + esc(order.id) + '</td><td>' + esc(order.variant) + '</td>' +
        '<td><span class="status ' + order.status + '">' + order.status + '</span></td>' +
        '<td><span class="steps">' + steps + '</span></td><td>' + esc(order.last) + '</td>' +
        '<td class="num">' + (order.lastAt - order.first) + '</td></tr>';
    }).join('');
    var all = Array.from(orders.values());
    $('c-orders').textContent = all.length;
    $('c-confirmed').textContent = all.filter(function (o) { return o.status === 'CONFIRMED'; }).length;
    $('c-cancelled').textContent = all.filter(function (o) { return o.status === 'CANCELLED'; }).length;
    $('c-events').textContent = counts.events;
    $('c-messages').textContent = counts.messages;
    $('c-invocations').textContent = counts.invocations;
    $('c-errors').textContent = counts.errors;
    $('feed').innerHTML = feed.slice().reverse().map(function (event) {
      return '<div><b>' + esc(event.kind) + '</b> ' + esc(event.correlationId || '') + ' ' + esc(describe(event)) + '</div>';
    }).join('');
  }

  function renderStats(stats) {
    var dlq = 0;
    $('queues').tBodies[0].innerHTML = stats.queues.map(function (queue) {
      var held = queue.visible + queue.inFlight + queue.delayed;
      if (queue.isDeadLetterQueue) dlq += held;
      return '<tr class="' + (queue.isDeadLetterQueue && held ? 'dlq' : '') + '"><td>' + esc(queue.name) + (queue.isDeadLetterQueue ? ' (DLQ)' : '') + '</td>' +
        '<td class="num">' + queue.visible + '</td><td class="num">' + queue.inFlight + '</td><td class="num">' + queue.delayed + '</td></tr>';
    }).join('');
    $('c-dlq').textContent = dlq;
    $('c-dlq-box').className = 'counter' + (dlq ? ' alert' : '');
    $('c-dropped').textContent = stats.traceRecordsDropped || 0;
    $('c-dropped-box').className = 'counter' + (stats.traceRecordsDropped ? ' alert' : '');
    $('functions').tBodies[0].innerHTML = stats.functions.filter(function (fn) { return fn.invocations > 0 || fn.active > 0; }).map(function (fn) {
      return '<tr><td>' + esc(fn.name) + '</td><td class="num">' + fn.invocations + '</td><td class="num">' + fn.coldStarts + '</td>' +
        '<td class="num">' + fn.active + '</td><td class="num">' + fn.errors + '</td></tr>';
    }).join('');
  }

  function showTimeline(orderId) {
    selected = orderId;
    dirty = true;
    $('timeline-title').textContent = '— ' + orderId;
    fetch('/api/orders/' + encodeURIComponent(orderId) + '/timeline').then(function (r) { return r.json(); }).then(function (body) {
      if (selected !== orderId) return;
      var entries = body.entries;
      var span = Math.max(1, entries.length ? entries[entries.length - 1].offsetMs : 1);
      $('timeline').innerHTML = entries.length ? entries.map(function (entry) {
        var kind = entry.step.replace(/ /g, '-');
        return '<div class="bar-row"><span class="offset">+' + entry.offsetMs + ' ms</span>' +
          '<span class="kind kind-' + esc(kind) + '">' + esc(entry.step) + '</span>' +
          '<span class="desc" title="' + esc(entry.description) + '">' + esc(entry.description) + '</span>' +
          '<div class="track"><i style="left:' + (100 * entry.offsetMs / span).toFixed(2) + '%"></i></div></div>';
      }).join('') : '<div class="empty">nothing recorded for this order</div>';
    });
  }

  $('orders').addEventListener('click', function (event) {
    var row = event.target.closest('tr.order');
    if (row) showTimeline(row.getAttribute('data-order'));
  });

  var source = new EventSource('/events');
  source.addEventListener('open', function () { $('connection').textContent = 'live'; $('connection').className = 'live'; });
  source.addEventListener('error', function () { $('connection').textContent = 'disconnected (retrying)'; $('connection').className = 'down'; });
  source.addEventListener('trace', function (message) {
    var events = JSON.parse(message.data);
    for (var i = 0; i < events.length; i++) apply(events[i]);
  });
  source.addEventListener('stats', function (message) { renderStats(JSON.parse(message.data)); });

  // Redraw at most a few times a second, and refresh the open timeline while its order moves.
  setInterval(function () {
    if (!dirty) return;
    dirty = false;
    renderOrders();
    if (selected) {
      var order = orders.get(selected);
      if (order && order.lastAt !== order.shownAt) { order.shownAt = order.lastAt; showTimeline(selected); }
    }
  }, 250);
})();
</script>
</body>
</html>
`;
