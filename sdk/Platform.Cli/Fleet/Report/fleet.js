// The fleet page: reads the embedded data (#fleet-data), draws the charts with ECharts (SVG renderer, so every mark is
// an element) and the tables (filter box + click-to-sort). Errors are kept in window.fleetErrors for the page's tests.
(function () {
  'use strict';
  var started = performance.now();
  window.fleetErrors = [];
  window.addEventListener('error', function (e) { window.fleetErrors.push(String(e.message || e)); });
  var data = JSON.parse(document.getElementById('fleet-data').textContent);
  var MAX_ROWS = 200;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function pct(x) { return (Math.round(x * 1000) / 10) + ' %'; }

  // Key figures.
  var t = data.totals;
  var kpis = [
    ['repositories', 'Repositories', t.repositories],
    ['projects', 'Projects', t.projects],
    ['coverage', 'Up-to-date coverage', pct(t.coverage)],
    ['findings', 'Findings', t.findings],
    ['baseline-findings', 'Baselined findings', t.baselineFindings],
    ['expiring', 'Deviations expiring in 30 days', t.deviationsExpiringIn30Days, t.deviationsExpiringIn30Days > 0],
    ['expired', 'Expired or invalid deviations', t.expiredDeviations, t.expiredDeviations > 0],
    ['unowned', 'Projects without an owner', t.unowned, t.unowned > 0]
  ];
  var kpiRoot = document.getElementById('kpis');
  kpis.forEach(function (k) {
    var box = el('div', { 'class': 'kpi' + (k[3] ? ' bad' : ''), id: 'kpi-' + k[0], 'data-value': k[2] });
    box.appendChild(el('div', { 'class': 'value' }, k[2]));
    box.appendChild(el('div', { 'class': 'label' }, k[1]));
    kpiRoot.appendChild(box);
  });

  // Charts.
  var charts = [];
  function chart(id, option) {
    var c = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    option.animation = false;
    option.tooltip = option.tooltip || { trigger: 'axis' };
    c.setOption(option);
    charts.push(c);
  }
  var levelColors = { gold: '#c99a06', silver: '#8c959f', bronze: '#b5651d', none: '#d0d7de', unknown: '#6e7781', error: '#cf222e' };
  var levelNames = Object.keys(data.levels);
  chart('chart-levels', {
    tooltip: { trigger: 'item' },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: levelNames, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', label: { show: true, position: 'top' },
      data: levelNames.map(function (n) { return { value: data.levels[n], itemStyle: { color: levelColors[n] } }; }) }]
  });
  var tl = data.timeline;
  chart('chart-coverage', {
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: tl.dates },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [{ type: 'line', name: 'up to date', areaStyle: {}, data: tl.coverage.map(function (c) { return Math.round(c * 1000) / 10; }) }]
  });
  chart('chart-versions', {
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: tl.dates },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: data.versions.map(function (v) {
      return { type: 'line', name: v, stack: 'share', areaStyle: {}, symbol: 'none',
        data: tl.versions[v].map(function (n, i) { return tl.versioned[i] ? Math.round(n * 1000 / tl.versioned[i]) / 10 : 0; }) };
    })
  });
  chart('chart-adoption', {
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: data.adoption.map(function (a) { return a.version; }) },
    yAxis: { type: 'value', name: 'days', minInterval: 1 },
    series: [
      { type: 'bar', name: '50 %', data: data.adoption.map(function (a) { return a.daysTo50; }) },
      { type: 'bar', name: '90 %', data: data.adoption.map(function (a) { return a.daysTo90; }) }
    ]
  });
  chart('chart-burndown', {
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: tl.dates },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: 'findings', data: tl.findings },
      { type: 'line', name: 'baselined findings', data: tl.baselineFindings }
    ]
  });
  var owners = data.ownerDeviations;
  chart('chart-owners', {
    legend: { top: 0 },
    grid: { left: 120, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: owners.map(function (o) { return o.owner; }) },
    series: [
      { type: 'bar', stack: 'd', name: 'expiring in 30 days', itemStyle: { color: '#d4a72c' }, data: owners.map(function (o) { return o.soon; }) },
      { type: 'bar', stack: 'd', name: 'expired or invalid', itemStyle: { color: '#cf222e' }, data: owners.map(function (o) { return o.expired; }) },
      { type: 'bar', stack: 'd', name: 'later', itemStyle: { color: '#8c959f' }, data: owners.map(function (o) { return o.later; }) }
    ]
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });

  // Tables: a filter box over every cell and click-to-sort headers; at most MAX_ROWS rows are drawn.
  var tablesRoot = document.getElementById('tables');
  data.tables.forEach(function (spec) {
    var section = el('section', { 'class': 'table', id: 'table-' + spec.id });
    section.appendChild(el('h2', null, spec.title));
    if (spec.hint) { section.appendChild(el('p', { 'class': 'hint' }, spec.hint)); }
    var tools = el('div', { 'class': 'tools' });
    var filter = el('input', { type: 'search', placeholder: 'Filter (' + spec.columns.map(function (c) { return c.name; }).join(', ') + ')', 'aria-label': 'Filter ' + spec.title });
    var count = el('span', { 'class': 'count' });
    tools.appendChild(filter);
    tools.appendChild(count);
    section.appendChild(tools);
    var scroll = el('div', { 'class': 'scroll' });
    var table = el('table');
    var head = el('tr');
    spec.columns.forEach(function (c, i) {
      var th = el('th', { scope: 'col', 'data-column': i }, c.name);
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el('tbody');
    table.appendChild(tbody);
    scroll.appendChild(table);
    section.appendChild(scroll);
    tablesRoot.appendChild(section);

    var order = spec.rows.map(function (_, i) { return i; });
    var text = spec.rows.map(function (r) { return r.join(' ').toLowerCase(); });
    var sortColumn = -1, ascending = true;
    function draw() {
      var needle = filter.value.trim().toLowerCase();
      var shown = order.filter(function (i) { return !needle || text[i].indexOf(needle) >= 0; });
      tbody.textContent = '';
      shown.slice(0, MAX_ROWS).forEach(function (i) {
        var tr = el('tr', spec.classes && spec.classes[i] ? { 'class': spec.classes[i] } : null);
        spec.rows[i].forEach(function (v, c) {
          tr.appendChild(el('td', spec.columns[c].type === 'num' ? { 'class': 'num' } : null, v === null ? '' : v));
        });
        tbody.appendChild(tr);
      });
      section.setAttribute('data-matching', shown.length);
      count.textContent = shown.length > MAX_ROWS ? 'showing ' + MAX_ROWS + ' of ' + shown.length + ' (filter to narrow)' : shown.length + ' of ' + spec.rows.length;
    }
    head.addEventListener('click', function (e) {
      var c = Number(e.target.getAttribute('data-column'));
      if (isNaN(c)) { return; }
      ascending = sortColumn === c ? !ascending : true;
      sortColumn = c;
      var numeric = spec.columns[c].type === 'num';
      order.sort(function (a, b) {
        var x = spec.rows[a][c], y = spec.rows[b][c];
        if (x === y) { return a - b; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        var r = numeric ? x - y : String(x).localeCompare(String(y));
        return ascending ? r : -r;
      });
      Array.prototype.forEach.call(head.children, function (th, i) {
        if (i === c) { th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending'); } else { th.removeAttribute('aria-sort'); }
      });
      draw();
    });
    filter.addEventListener('input', draw);
    draw();
  });

  document.body.setAttribute('data-render-ms', Math.round(performance.now() - started));
  document.body.setAttribute('data-ready', 'true');
})();
