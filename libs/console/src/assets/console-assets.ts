// The console's style sheet and script, and uPlot's (the one chart library, from node_modules),
// served by the console itself (CSP default-src 'self', nothing from outside: it must work with no
// internet). Ours are strings so that the TypeScript build carries them to dist/ with no copy step.
import { readFileSync } from 'node:fs';

export interface Asset {
  readonly type: string;
  readonly body: string;
}

/** Every asset by path, read once. */
export function consoleAssets(): Readonly<Record<string, Asset>> {
  const fromPackage = (file: string) => readFileSync(require.resolve(file), 'utf8');
  return {
    '/assets/console.css': { type: 'text/css; charset=utf-8', body: CONSOLE_CSS },
    '/assets/console.js': { type: 'text/javascript; charset=utf-8', body: CONSOLE_JS },
    '/assets/uplot.css': { type: 'text/css; charset=utf-8', body: fromPackage('uplot/dist/uPlot.min.css') },
    '/assets/uplot.js': {
      type: 'text/javascript; charset=utf-8',
      body: fromPackage('uplot/dist/uPlot.iife.min.js'),
    },
  };
}

export const CONSOLE_CSS = `
:root { --ink: #1d2430; --muted: #5b6574; --line: #d7dce3; --accent: #0b5cad; --bad: #a31515; --bg: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; display: flex; min-height: 100vh; font: 15px/1.45 system-ui, "Noto Sans", "Noto Naskh Arabic", sans-serif; color: var(--ink); background: var(--bg); }
nav.side { flex: 0 0 14rem; background: #10243e; color: #fff; padding: 1rem; }
nav.side a { color: #fff; text-decoration: none; display: block; padding: .35rem .5rem; border-radius: 4px; }
nav.side a[aria-current] { background: #2a4a73; }
nav.side ul { list-style: none; padding: 0; margin: 1rem 0; }
nav.side .brand { font-weight: 600; margin: 0; }
nav.side .who { font-size: .85rem; color: #c9d6e8; overflow-wrap: anywhere; }
main { flex: 1; padding: 1rem 1.5rem; min-width: 0; }
header.top { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
.languages a { margin-inline-start: .6rem; color: var(--accent); }
.languages a[aria-current] { font-weight: 700; text-decoration: none; color: var(--ink); }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: start; vertical-align: top; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
td.details { font-size: .85rem; overflow-wrap: anywhere; }
.kv .k { color: var(--muted); }
code { font-size: .85rem; }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; flex: 1 1 18rem; }
dl.figures { display: flex; gap: 1.5rem; margin: 0; }
dl.figures dd { font-size: 1.6rem; margin: 0; font-weight: 600; }
dl.figures dt { color: var(--muted); font-size: .85rem; }
.none, .updated { color: var(--muted); }
.refusal { color: var(--bad); font-weight: 600; }
.notice { background: #e8f1fb; border: 1px solid #b6d0ee; padding: .5rem 1rem; border-radius: 4px; }
.tag { display: inline-block; background: #e5e9f0; border-radius: 3px; padding: 0 .4rem; }
form.search fieldset { display: flex; flex-wrap: wrap; gap: .6rem 1rem; border: 1px solid var(--line); background: #fff; }
form.search label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
button, a.button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .35rem .8rem; cursor: pointer; text-decoration: none; font: inherit; }
form.discard { margin-top: .4rem; display: flex; gap: .3rem; align-items: end; flex-wrap: wrap; }
form.discard label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
button.secondary { background: #6b7480; }
tr.warn td { color: var(--bad); font-weight: 600; }
form.save { display: flex; gap: .5rem; align-items: end; margin: .5rem 0; }
form.save label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
ul.saved { display: flex; gap: 1rem; flex-wrap: wrap; list-style: none; padding: 0; }
button.sort { background: none; color: inherit; padding: 0; font-weight: 700; }
th[aria-sort='ascending'] button.sort::after { content: ' \\25B2'; }
th[aria-sort='descending'] button.sort::after { content: ' \\25BC'; }
.up { color: #15803d; font-weight: 600; }
pre.payload { background: #fff; border: 1px solid var(--line); padding: .75rem; overflow: auto; direction: ltr; text-align: left; }
time .local { color: var(--muted); }
section.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .5rem 1rem; }
#chart { direction: ltr; min-height: 2rem; }
a.badge { display: inline-block; border-radius: 999px; padding: 0 .6rem; font-size: .85rem; text-decoration: none; margin-inline-start: .5rem; }
a.badge.firing { background: var(--bad); color: #fff; }
a.badge.quiet { background: #e5e9f0; color: var(--muted); }
`;

/**
 * Adds the reader's local time beside every UTC time (Intl, in the page's language), and keeps
 * the dashboard live: each server-sent event carries the figures already rendered in the reader's
 * language, so that every string still comes from the server's catalogues.
 */
export const CONSOLE_JS = `
(function () {
  'use strict';
  var root = document.documentElement;
  var label = root.getAttribute('data-local-label') || '';
  var locale = root.getAttribute('data-intl') || root.lang;
  function localTimes(scope) {
    var times = scope.querySelectorAll('time[data-utc]');
    for (var i = 0; i < times.length; i++) {
      var t = times[i];
      if (t.querySelector('.local')) continue;
      var at = new Date(t.getAttribute('datetime'));
      if (isNaN(at.getTime())) continue;
      var span = document.createElement('span');
      span.className = 'local';
      span.textContent = ' (' + at.toLocaleTimeString(locale) + ' ' + label + ')';
      t.appendChild(span);
    }
  }
  var COLOURS = ['#0b5cad', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#4b5563'];
  var chart = { plot: null, labels: '' };
  function draw(data) {
    var box = document.getElementById('chart');
    if (!box || !window.uPlot || !data) return;
    var labels = data.routes.map(function (r) { return r.label; }).join('|');
    var series = [data.minutes].concat(data.routes.map(function (r) { return r.counts; }));
    if (chart.plot && chart.labels === labels) { chart.plot.setData(series); return; }
    if (chart.plot) chart.plot.destroy();
    chart.plot = null;
    chart.labels = labels;
    box.textContent = '';
    if (data.routes.length === 0) { box.textContent = box.getAttribute('data-none'); return; }
    chart.plot = new window.uPlot({
      width: Math.max(320, box.clientWidth),
      height: 220,
      scales: { x: { time: true } },
      series: [{ label: data.timeLabel }].concat(data.routes.map(function (r, i) {
        return { label: r.label, stroke: COLOURS[i % COLOURS.length], width: 2 };
      })),
    }, series, box);
    box.setAttribute('data-routes', String(data.routes.length));
  }
  // Sorts the rows of a table.sortable page by the column clicked (again: the other way); a time
  // sorts by its instant, anything else by its text in the reader's language.
  function sortable() {
    var buttons = document.querySelectorAll('table.sortable button.sort');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        var th = event.currentTarget.parentNode;
        var table = th.closest('table');
        var column = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        var heads = th.parentNode.children;
        for (var h = 0; h < heads.length; h++) heads[h].removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          var time = cell && cell.querySelector('time');
          return time ? time.getAttribute('datetime') : (cell ? cell.textContent.trim() : '');
        };
        rows.sort(function (a, b) {
          var order = key(a).localeCompare(key(b), locale);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    }
  }
  function live() {
    var chartBox = document.getElementById('chart');
    if (chartBox) draw(JSON.parse(chartBox.getAttribute('data-chart')));
    var box = document.getElementById('live');
    if (!box || !window.EventSource) return;
    var source = new EventSource(box.getAttribute('data-events'));
    source.addEventListener('figures', function (event) {
      var message = JSON.parse(event.data);
      box.innerHTML = message.html;
      draw(message.chart);
      box.setAttribute('data-updated', String(Date.now()));
      localTimes(box);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localTimes(document); sortable(); live(); });
})();
`;
