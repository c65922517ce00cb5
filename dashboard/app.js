// The product dashboard: plain ES module, Chart.js (served from node_modules by `voc serve`), the read API under api/.
/* global Chart */
import { curationControls } from './curate.js';
import { el } from './dom.js';

const API = document.querySelector('meta[name="voc-api"]')?.getAttribute('content') ?? 'api/';
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
const REST_COLOR = '#c7ccd4';
const SENTIMENT = { negative: '#b2182b', neutral: '#b5b5b5', positive: '#2166ac' };
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const nf = new Intl.NumberFormat();
const pct = (x, digits = 0) => (x === undefined || x === null ? '–' : `${(x * 100).toFixed(digits)}%`);
const langNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames([navigator.language || 'en'], { type: 'language' }) : undefined;

const charts = {};
let volumeMode = 'lines';
let volumeBy = 'area';
let lastTimeline;
/** the themes and areas last loaded: what the curation controls offer to merge into and move to */
let lastVolume;
let themesOrder = 'area';
let kpiBy = 'team';
let kpiSort = { column: 1, dir: 'descending' };
let lastKpis;
let openDetailTheme;
let lastThemes;
/** Below this many conversations behind a rate it is greyed (as the CLI stars it): MIN_RATE_N in src/core/aggregation/sample-size.ts. */
const MIN_N = 10;

// ---------- API ----------

class ApiError extends Error {}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
  const url = `${API}${path}${query.size || [...query].length ? `?${query}` : ''}`;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`${path}: unexpected response (${res.status})`);
  }
  if (!res.ok) {
    const issues = Array.isArray(body.issues) ? `: ${body.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : '';
    throw new ApiError(`${body.error ?? `request failed (${res.status})`}${issues}`);
  }
  return body;
}

// ---------- filters (kept in the page's query string, so a view can be shared) ----------

function readFilters() {
  const form = /** @type {HTMLFormElement} */ ($('filters'));
  const data = Object.fromEntries(new FormData(form));
  return { from: data.from || undefined, to: data.to || undefined, lang: data.lang || undefined, channel: data.channel || undefined };
}

function writeFilters(f) {
  for (const k of ['from', 'to', 'lang', 'channel']) {
    const el = /** @type {HTMLInputElement} */ ($(k));
    if (f[k] !== undefined && el.tagName === 'SELECT' && ![...el.options].some((o) => o.value === f[k])) el.add(new Option(f[k], f[k]));
    el.value = f[k] ?? '';
  }
}

function filtersFromUrl() {
  const q = new URLSearchParams(location.search);
  const f = {};
  for (const k of ['from', 'to', 'lang', 'channel']) if (q.get(k)) f[k] = q.get(k);
  return f;
}

function syncUrl(f) {
  const q = new URLSearchParams(Object.entries({ ...f, view: volumeMode === 'stacked' ? 'stacked' : undefined, series: volumeBy === 'theme' ? 'themes' : undefined }).filter(([, v]) => v));
  history.replaceState(null, '', `${location.pathname}${[...q].length ? `?${q}` : ''}${location.hash}`);
}

const segmentFilter = (f) => (f.lang ? { lang: f.lang } : f.channel ? { channel: f.channel } : {});

async function loadFilterOptions() {
  const fill = async (by, select, name) => {
    try {
      const report = await api('kpis', { by });
      for (const row of report.rows) {
        const text = `${name(row.label)} (${nf.format(row.volume)})`;
        const existing = [...select.options].find((o) => o.value === row.label);
        if (existing) existing.text = text;
        else select.add(new Option(text, row.label));
      }
    } catch {
      /* the filter still works by typing the URL; the main error box reports real failures */
    }
  };
  await Promise.all([
    fill('lang', $('lang'), (code) => {
      const n = langNames?.of(code);
      return n && n !== code ? `${n} · ${code}` : code;
    }),
    fill('channel', $('channel'), (c) => c),
  ]);
}

// ---------- helpers ----------


function table(target, headers, rows, empty) {
  const t = /** @type {HTMLTableElement} */ ($(target));
  t.replaceChildren();
  if (!rows.length) {
    t.append(el('caption', { class: 'empty', text: empty }));
    return;
  }
  t.append(el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : undefined, text: h.label })))));
  t.append(el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => el('td', { class: headers[i].num ? 'num' : undefined }, c))))));
}

const withGloss = (t) => (t.gloss ? `${t.label} — ${t.gloss}` : t.label);
const themeLink = (theme) => el('button', { type: 'button', class: 'theme-link', title: `Open ${theme.label}`, onclick: () => openTheme(theme.id) }, withGloss(theme));
const areaLink = (area) => el('button', { type: 'button', class: 'theme-link area-link', title: `Open the area ${area.label}`, onclick: () => openArea(area.id) }, area.label);
/** A series of the volume chart is an area or a theme: open whichever it is. */
const openSeries = (id) => (volumeBy === 'area' ? openArea(id) : openTheme(id));

function minutes(m) {
  if (m === undefined || m === null) return '–';
  if (m < 90) return `${Math.round(m)} min`;
  if (m < 48 * 60) return `${(m / 60).toFixed(1)} h`;
  return `${(m / 1440).toFixed(1)} d`;
}

const shortLabel = (s, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const fmtDay = (d) => new Date(`${d}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function chart(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart(/** @type {HTMLCanvasElement} */ ($(id)), config);
  return charts[id];
}

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

// ---------- sections ----------

function renderVolume(timeline) {
  lastTimeline = timeline;
  const stacked = volumeMode === 'stacked';
  const datasets = timeline.series.map((s, i) => ({
    label: s.label,
    themeId: s.id,
    data: s.points,
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: stacked ? `${PALETTE[i % PALETTE.length]}cc` : PALETTE[i % PALETTE.length],
    fill: stacked,
    // Straight segments between days: a smoothed curve would draw counts of 0 and 1 as hills.
    tension: 0,
    pointRadius: timeline.days.length > 60 ? 0 : 2,
    borderWidth: 2,
  }));
  if (stacked && timeline.rest.some((n) => n > 0)) {
    // Off until asked for (click its legend entry): with many small themes it dwarfs the top ones.
    datasets.push({ label: volumeBy === 'area' ? 'All other areas' : 'All other themes', hidden: true, data: timeline.rest, borderColor: REST_COLOR, backgroundColor: `${REST_COLOR}cc`, fill: true, tension: 0, pointRadius: 0, borderWidth: 1 });
  }
  const top = timeline.series[0];
  $('volume-chart').setAttribute(
    'aria-label',
    timeline.series.length
      ? `Daily conversations for the ${timeline.series.length} largest ${volumeBy === 'area' ? 'areas' : 'themes'}, ${timeline.from} to ${timeline.to}. Largest: ${top.label}, ${top.volume} conversations.`
      : 'No conversations in this range.',
  );
  chart('volume-chart', {
    type: 'line',
    data: { labels: timeline.days.map(fmtDay), datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
        y: { beginAtZero: true, stacked, title: { display: true, text: 'conversations / day' }, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, generateLabels: legendLabels } },
        tooltip: { itemSort: (a, b) => b.parsed.y - a.parsed.y, callbacks: { title: (items) => timeline.days[items[0].dataIndex] } },
      },
      onClick: (event, _elements, c) => {
        const [hit] = c.getElementsAtEventForMode(event, 'nearest', { intersect: false, axis: 'xy' }, true);
        const ds = hit ? c.data.datasets[hit.datasetIndex] : undefined;
        if (ds?.themeId) openSeries(ds.themeId);
      },
    },
  });

  const t = /** @type {HTMLTableElement} */ ($('volume-table'));
  t.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'day' }), timeline.series.map((s) => el('th', { scope: 'col', class: 'num', text: shortLabel(s.label, 24), title: s.label })), el('th', { scope: 'col', class: 'num', text: 'other themes' }))),
    el('tbody', {}, timeline.days.map((d, i) => el('tr', {}, el('th', { scope: 'row', text: d }), timeline.series.map((s) => el('td', { class: 'num', text: s.points[i] })), el('td', { class: 'num', text: timeline.rest[i] })))),
  );
}

function legendLabels(c) {
  const labels = Chart.defaults.plugins.legend.labels.generateLabels(c);
  return labels.map((l) => ({ ...l, text: shortLabel(l.text, 40) }));
}

function renderRising(result) {
  const rising = result.themes.filter((t) => t.risingScore > 0 || t.emerging);
  table(
    'rising-table',
    [{ label: 'Theme' }, { label: 'Last 7 days', num: true }, { label: 'Baseline / week', num: true }, { label: 'Change', num: true }, { label: 'z', num: true }, { label: '' }],
    rising.map((t) => [
      themeLink(t),
      nf.format(t.recent),
      t.baselinePerWeek.toFixed(1),
      t.baselinePerWeek > 0 ? `${t.recent >= t.baselinePerWeek ? '+' : ''}${Math.round(((t.recent - t.baselinePerWeek) / t.baselinePerWeek) * 100)}%` : 'new',
      t.risingScore.toFixed(1),
      t.emerging ? el('span', { class: 'badge new', text: 'emerging' }) : t.risingScore >= 2 ? el('span', { class: 'badge up', text: 'rising' }) : el('span', { class: 'badge flat', text: 'slightly up' }),
    ]),
    `Nothing is rising in the 7 days to ${result.to}: every theme is within its trailing 4-week baseline (at least 5 conversations needed to count).`,
  );
}

const LEGEND_ORDER = ['Negative', 'Neutral', 'Positive'];

function renderSentiment(result) {
  const themes = result.themes.filter((t) => t.volume > 0).slice(0, 12).sort((a, b) => b.negativeShare - a.negativeShare || b.volume - a.volume);
  // Shares of the scored conversations: those in a language without a lexicon (unscored) are not a neutral opinion.
  const scored = (t) => t.volume - (t.unscored ?? 0);
  const share = (t, k) => (scored(t) ? (t[k] / scored(t)) * 100 : 0);
  const c = chart('sentiment-chart', {
    type: 'bar',
    data: {
      labels: themes.map((t) => shortLabel(t.label)),
      datasets: [
        { label: 'Neutral', key: 'neutral', data: themes.map((t) => -share(t, 'neutral') / 2), backgroundColor: SENTIMENT.neutral, stack: 's' },
        { label: 'Negative', key: 'negative', data: themes.map((t) => -share(t, 'negative')), backgroundColor: SENTIMENT.negative, stack: 's' },
        { label: 'Neutral (right half)', key: 'neutral', half: true, data: themes.map((t) => share(t, 'neutral') / 2), backgroundColor: SENTIMENT.neutral, stack: 's' },
        { label: 'Positive', key: 'positive', data: themes.map((t) => share(t, 'positive')), backgroundColor: SENTIMENT.positive, stack: 's' },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, min: -100, max: 100, ticks: { callback: (v) => `${Math.abs(Number(v))}%`, stepSize: 25 }, grid: { color: (ctx) => (ctx.tick.value === 0 ? '#545c6b' : '#e3e6ea') } },
        y: { stacked: true, grid: { display: false } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, filter: (item, data) => !data.datasets[item.datasetIndex].half, sort: (a, b) => LEGEND_ORDER.indexOf(a.text) - LEGEND_ORDER.indexOf(b.text) } },
        tooltip: {
          filter: (item) => !item.dataset.half,
          callbacks: {
            title: (items) => themes[items[0].dataIndex].label,
            label: (item) => {
              const t = themes[item.dataIndex];
              const k = item.dataset.key;
              return `${k}: ${nf.format(t[k])} of ${nf.format(t.volume)} (${share(t, k).toFixed(0)}%)`;
            },
          },
        },
      },
      onClick: (_e, elements) => elements.length && openTheme(themes[elements[0].index].id),
    },
  });
  $('sentiment-chart').setAttribute('aria-label', `Sentiment by theme: ${themes.map((t) => `${t.label} ${pct(t.negativeShare)} negative`).join('; ')}`);
  return c;
}

function sentimentBar(t) {
  const scored = t.volume - (t.unscored ?? 0);
  const w = (n) => `${scored ? (n / scored) * 100 : 0}%`;
  const bar = el('span', { class: 'bar-cell', role: 'img', 'aria-label': `${t.negative} negative, ${t.neutral} neutral, ${t.positive} positive${t.unscored ? `, ${t.unscored} unscored` : ''}` });
  for (const [cls, n] of [['bar-neg', t.negative], ['bar-neu', t.neutral], ['bar-pos', t.positive]]) {
    const s = el('span', { class: cls });
    s.style.width = w(n);
    bar.append(s);
  }
  return bar;
}

/** A rate with its n, greyed (and said so in its title) when fewer than MIN_N conversations are behind it. */
function rate(x, n, what = 'conversations') {
  if (x === undefined || x === null || !n) return el('span', { class: 'muted', text: '–', title: `no ${what}` });
  const low = n < MIN_N;
  return el('span', { class: low ? 'low-n' : undefined, title: `${pct(x)} of ${nf.format(n)} ${what}${low ? ` — fewer than ${MIN_N}, too few to rely on` : ''}`, 'data-n': n }, `${pct(x)} `, el('span', { class: 'small muted', text: `(${nf.format(n)})` }));
}

/** A duration percentile with the number of conversations measured, greyed under MIN_N. */
function percentile(d, which = 'p50') {
  if (!d || d[which] === undefined || !d.count) return el('span', { class: 'muted', text: '–' });
  const low = d.count < MIN_N;
  return el('span', { class: low ? 'low-n' : undefined, title: `${which} of ${nf.format(d.count)} conversations measured${low ? ` — fewer than ${MIN_N}` : ''}` }, `${minutes(d[which])} `, el('span', { class: 'small muted', text: `(${nf.format(d.count)})` }));
}

/** KPI cells of one row: first response p50 and SLA %, with the number of conversations they judge. */
function kpiCells(k) {
  if (!k) return ['–', '–'];
  return [percentile(k.firstResponse), rate(k.slaFirstResponseRate, k.slaFirstResponseJudged, 'judged against the SLA')];
}

const expanded = new Set();

/** Areas, each followed by its themes (the first three until the area is opened up). */
function renderThemes(result, kpis) {
  const byId = new Map(result.themes.map((t) => [t.id, t]));
  const rows = [];
  const cells = (t, k) => [nf.format(t.volume), pct(t.share, 1), rate(t.negativeShare, t.volume - (t.unscored ?? 0), 'scored conversations'), sentimentBar(t), t.avgSentiment.toFixed(2), rate(t.csatRate, t.csatRated, 'rated conversations'), ...kpiCells(k), nf.format(t.recent)];
  if (themesOrder === 'negative') {
    // Flat, most negative first (the API ranks themes with fewer than MIN_N scored conversations last).
    for (const t of result.negativeThemes ?? []) if (t.volume > 0) rows.push({ cls: 'theme-row flat', cells: [themeLink(t), ...cells(t, kpis.theme.get(t.id))] });
  }
  for (const a of themesOrder === 'negative' ? [] : result.areas.filter((x) => x.volume > 0)) {
    const own = a.themeIds.map((id) => byId.get(id)).filter(Boolean);
    const single = own.length === 1 && own[0].label === a.label;
    if (single) {
      rows.push({ cls: 'area-row', cells: [themeLink(own[0]), ...cells(own[0], kpis.theme.get(own[0].id))] });
      continue;
    }
    const open = expanded.has(a.id);
    const toggle = el('button', { type: 'button', class: 'toggle-themes secondary small-btn', 'aria-expanded': String(open), title: open ? 'Show fewer themes' : 'Show all themes', onclick: () => { open ? expanded.delete(a.id) : expanded.add(a.id); renderThemes(result, kpis); } }, open ? '−' : '+');
    rows.push({ cls: 'area-row', cells: [el('span', {}, toggle, ' ', areaLink(a), el('span', { class: 'muted small', text: ` · ${own.length} theme${own.length === 1 ? '' : 's'}` })), ...cells(a, kpis.area.get(a.id))] });
    // Inside its area a defined theme reads without the area's name ("Refund status", not "Payments › Refund status").
    const inArea = (t) => (t.label.startsWith(`${a.label} › `) ? { ...t, label: t.label.slice(a.label.length + 3) } : t);
    for (const t of open ? own : own.slice(0, 3)) rows.push({ cls: 'theme-row', cells: [el('span', { class: 'indent' }, themeLink(inArea(t))), ...cells(t, kpis.theme.get(t.id))] });
  }
  const t = /** @type {HTMLTableElement} */ ($('themes-table'));
  const headers = [{ label: 'Area › theme' }, { label: 'Conversations', num: true }, { label: 'Share', num: true }, { label: 'Negative (n)', num: true }, { label: 'Sentiment mix' }, { label: 'Avg sentiment', num: true }, { label: 'CSAT (rated)', num: true }, { label: '1st response p50 (n)', num: true }, { label: 'SLA 1st response (judged)', num: true }, { label: 'Last 7 days', num: true }];
  t.replaceChildren();
  if (!rows.length) {
    t.append(el('caption', { class: 'empty', text: 'No conversations in this range for this filter. Has `voc run` run?' }));
    return;
  }
  t.append(el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : undefined, text: h.label })))));
  t.append(el('tbody', {}, rows.map((r) => el('tr', { class: r.cls }, r.cells.map((c, i) => el('td', { class: headers[i].num ? 'num' : undefined }, c))))));
}

const KPI_COLUMNS = [
  { label: (by) => by, value: (r) => r.label, cell: (r) => (kpiBy === 'theme' ? themeLink({ id: r.key, label: r.label }) : kpiBy === 'area' ? areaLink({ id: r.key, label: r.label }) : r.label) },
  { label: () => 'Conversations', num: true, value: (r) => r.volume, cell: (r) => segmentLink(r, nf.format(r.volume)) },
  { label: () => '1st response p50 (n)', num: true, value: (r) => r.kpis.firstResponse.p50, n: (r) => r.kpis.firstResponse.count, cell: (r) => percentile(r.kpis.firstResponse) },
  { label: () => 'p90', num: true, value: (r) => r.kpis.firstResponse.p90, cell: (r) => minutes(r.kpis.firstResponse.p90) },
  { label: () => 'Resolution p50 (n)', num: true, value: (r) => r.kpis.fullResolution.p50, n: (r) => r.kpis.fullResolution.count, cell: (r) => percentile(r.kpis.fullResolution) },
  { label: () => 'p90', num: true, value: (r) => r.kpis.fullResolution.p90, cell: (r) => minutes(r.kpis.fullResolution.p90) },
  { label: () => 'SLA 1st response (judged)', num: true, value: (r) => r.kpis.slaFirstResponseRate, n: (r) => r.kpis.slaFirstResponseJudged, cell: (r) => segmentLink(r, rate(r.kpis.slaFirstResponseRate, r.kpis.slaFirstResponseJudged, 'judged against the first-response target'), { sla: 'first-response-breached' }) },
  { label: () => 'SLA resolution (judged)', num: true, value: (r) => r.kpis.slaResolutionRate, n: (r) => r.kpis.slaResolutionJudged, cell: (r) => rate(r.kpis.slaResolutionRate, r.kpis.slaResolutionJudged, 'judged against the resolution target') },
  { label: () => 'CSAT (rated)', num: true, value: (r) => r.kpis.csatRate, n: (r) => r.kpis.csatRated, cell: (r) => rate(r.kpis.csatRate, r.kpis.csatRated, 'rated conversations') },
  { label: () => 'Reopened', num: true, value: (r) => r.kpis.reopenRate, n: (r) => r.volume, cell: (r) => rate(r.kpis.reopenRate, r.volume) },
];

/** A KPI cell that opens the conversations behind it (all of them, or those that breached the SLA). */
function segmentLink(r, content, extra = {}) {
  const [dimension, ...rest] = r.key.split(':');
  const params = kpiBy === 'theme' || kpiBy === 'area' ? { [kpiBy]: r.key } : { [dimension]: rest.join(':') };
  const [key, value] = Object.entries(params)[0];
  return el('button', { type: 'button', class: 'theme-link cell-link', title: extra.sla ? `Open the conversations of ${r.label} that breached the first-response SLA` : `Open the conversations of ${r.label}`, onclick: () => openSegmentConversations(key, value, r.label, extra) }, content);
}

/** Rows in the chosen column's order; empty cells, then cells under MIN_N, always last. */
function sortedKpiRows(rows) {
  const col = KPI_COLUMNS[kpiSort.column];
  const sign = kpiSort.dir === 'ascending' ? 1 : -1;
  const tier = (r) => (col.value(r) === undefined ? 2 : col.n && col.n(r) < MIN_N ? 1 : 0);
  return [...rows].sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    const va = col.value(a);
    const vb = col.value(b);
    const c = typeof va === 'string' ? va.localeCompare(vb) : (va ?? 0) - (vb ?? 0);
    return sign * c || b.volume - a.volume;
  });
}

function targetsText(targets) {
  const sla = targets?.sla;
  if (!sla || (!sla.default && !(sla.rules ?? []).length)) return 'SLA targets: none set (voc config kpis FILE), so SLA % is empty.';
  const rule = (r, name) => `${name}: ${[r.firstResponseMinutes !== undefined ? `first response ${minutes(r.firstResponseMinutes)}` : '', r.resolutionMinutes !== undefined ? `resolution ${minutes(r.resolutionMinutes)}` : ''].filter(Boolean).join(', ')}${r.businessHours ? ' (business hours)' : ''}`;
  return `SLA targets: ${[...(sla.rules ?? []).map((r) => rule(r, [r.priority, r.channel].filter(Boolean).join(' / '))), ...(sla.default ? [rule(sla.default, 'otherwise')] : [])].join(' · ')}`;
}

function renderKpis(report, filtered) {
  lastKpis = { report, filtered };
  const perSegment = kpiBy !== 'theme' && kpiBy !== 'area';
  $('kpi-note').textContent = `${filtered && perSegment ? `All languages and channels (KPIs by ${kpiBy} are not kept per language or channel). ` : ''}First response and resolution are p50 / p90 of elapsed time; SLA % is met ÷ judged (conversations with a target that met or missed it); CSAT is the share of rated conversations rated 4 or 5. Greyed: fewer than ${MIN_N} behind the rate. Click a column to sort; rates under ${MIN_N} sort last.`;
  $('kpi-targets').textContent = targetsText(report.targets);
  const t = /** @type {HTMLTableElement} */ ($('kpi-table'));
  t.replaceChildren();
  if (!report.rows.length) {
    t.append(el('caption', { class: 'empty', text: `No ${kpiBy} data in this range${kpiBy === 'team' ? ' (the export has no team / group field)' : ''}.` }));
    return;
  }
  t.append(
    el('thead', {}, el('tr', {}, KPI_COLUMNS.map((c, i) => el('th', { scope: 'col', class: c.num ? 'num' : undefined, 'aria-sort': kpiSort.column === i ? kpiSort.dir : undefined }, el('button', { type: 'button', onclick: () => sortKpis(i) }, c.label(kpiBy === 'lang' ? 'language' : kpiBy)))))),
    el('tbody', {}, sortedKpiRows(report.rows).map((r) => el('tr', { 'data-key': r.key }, KPI_COLUMNS.map((c) => el('td', { class: c.num ? 'num' : undefined }, c.cell(r)))))),
  );
}

function sortKpis(column) {
  // A measure first sorts worst first: lowest SLA % or CSAT, highest times or reopen rate.
  const lowIsWorse = [6, 7, 8].includes(column);
  kpiSort = kpiSort.column === column ? { column, dir: kpiSort.dir === 'ascending' ? 'descending' : 'ascending' } : { column, dir: column === 0 || lowIsWorse ? 'ascending' : 'descending' };
  if (lastKpis) renderKpis(lastKpis.report, lastKpis.filtered);
}

async function loadKpis(range, seg) {
  const perSegment = kpiBy !== 'theme' && kpiBy !== 'area';
  const params = { ...range, ...(perSegment ? {} : seg), by: kpiBy };
  /** @type {HTMLAnchorElement} */ ($('kpi-csv')).href = `${API}kpis?${new URLSearchParams(Object.entries({ ...params, format: 'csv' }).filter(([, v]) => v))}`;
  renderKpis(await api('kpis', params), Boolean(seg.lang || seg.channel));
}

// ---------- canned replies ----------

const signed = (x) => (x === undefined || x === null ? '–' : `${x > 0 ? '+' : ''}${x.toFixed(2)}`);

function meanCell(m) {
  if (!m || m.value === undefined || !m.n) return el('span', { class: 'muted', text: '–' });
  const low = m.n < MIN_N;
  return el('span', { class: low ? 'low-n' : undefined, title: `mean of ${m.n}${low ? ` — fewer than ${MIN_N}` : ''}` }, `${signed(m.value)} `, el('span', { class: 'small muted', text: `(${nf.format(m.n)})` }));
}

const versus = (c, cell) => el('span', {}, cell(c.with), el('span', { class: 'muted', text: ' vs ' }), cell(c.without));

function renderTemplates(report) {
  if (!report) {
    $('templates-note').textContent = 'No templates report yet: the nightly run (voc run) writes it.';
    $('templates-table').replaceChildren();
    $('templates-examples').replaceChildren();
    return;
  }
  $('templates-note').textContent = `${nf.format(report.templates.length + report.omitted)} templates sent by ${report.minAgents} or more agents, ${report.from} → ${report.to}; ${nf.format(report.templatedMessages)} of ${nf.format(report.agentMessages)} agent messages are one of them. "with vs without": the template's conversations against those of the same themes without it, weighted to its mix of themes. Sentiment change: the customer's next message minus their last one before the reply. ${nf.format(report.followedByDrop)} replies were followed by the customer's sentiment falling by 0.25 or more.`;
  const top = report.templates.slice(0, 10);
  const share = (m) => rate(m.value, m.n);
  table(
    'templates-table',
    [{ label: 'Template' }, { label: 'Uses', num: true }, { label: 'Agents', num: true }, { label: 'Teams' }, { label: 'Sentiment change: with vs without', num: true }, { label: 'Reopened: with vs without', num: true }, { label: 'CSAT: with vs without', num: true }],
    top.map((x) => [el('span', { title: x.id }, shortLabel(x.example, 70)), nf.format(x.uses), nf.format(x.agents), x.teams.map((t) => `${t.team} (${t.conversations})`).join(', ') || '–', versus(x.sentimentChange, meanCell), versus(x.reopened, share), versus(x.csat, share)]),
    'No template is shared by enough agents in this window.',
  );
  const worst = [...top].filter((x) => x.beforeAfter && x.sentimentChange.with.value !== undefined).sort((a, b) => a.sentimentChange.with.value - b.sentimentChange.with.value).slice(0, 3);
  $('templates-examples').replaceChildren(
    ...(worst.length ? [el('h3', { text: 'Before and after the templates customers took worst' })] : []),
    ...worst.map((x) =>
      el('div', { class: 'before-after' }, el('div', { class: 'small muted', text: `“${shortLabel(x.example, 90)}”, sentiment ${signed(x.beforeAfter.beforeScore)} → ${signed(x.beforeAfter.afterScore)}` }), el('div', { text: `Before: “${x.beforeAfter.before}”` }), el('div', { text: `After: “${x.beforeAfter.after}”` }), conversationLink(x.beforeAfter.conversationId)),
    ),
  );
}

/** A button that opens one conversation's thread (every quote carries one). */
function conversationLink(id, text = id) {
  return el('button', { type: 'button', class: 'theme-link conv-id conv-link', 'data-conversation': id, title: `Open conversation ${id}`, onclick: () => openConversation(id) }, text);
}

// ---------- drill-down ----------

let lastFocus;

async function openTheme(id) {
  if (location.hash !== `#theme=${encodeURIComponent(id)}`) history.replaceState(null, '', `${location.pathname}${location.search}#theme=${encodeURIComponent(id)}`);
  const f = readFilters();
  try {
    const d = await api(`themes/${encodeURIComponent(id)}`, { from: f.from, to: f.to, ...segmentFilter(f) });
    renderDetail(d);
  } catch (error) {
    showError(`Theme ${id}: ${error.message}`);
  }
}

async function openArea(id) {
  if (location.hash !== `#area=${encodeURIComponent(id)}`) history.replaceState(null, '', `${location.pathname}${location.search}#area=${encodeURIComponent(id)}`);
  const f = readFilters();
  try {
    const d = await api(`areas/${encodeURIComponent(id)}`, { from: f.from, to: f.to, ...segmentFilter(f) });
    renderDetail({ ...d, keyphrases: [], related: [] }, 'area');
  } catch (error) {
    showError(`Area ${id}: ${error.message}`);
  }
}

function renderDetail(d, kind = 'theme') {
  lastFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  $('detail-title').textContent = kind === 'area' ? `${d.label} (area)` : withGloss(d);
  $('detail-theme-block').hidden = kind === 'area';
  $('detail-themes-block').hidden = kind !== 'area';
  if (kind === 'area') {
    table('detail-themes', [{ label: 'Theme' }, { label: 'Conversations', num: true }, { label: 'Negative', num: true }, { label: 'Last 7 days', num: true }], d.themes.map((t) => [themeLink(t), nf.format(t.volume), pct(t.negativeShare), nf.format(t.recent)]), 'No themes in this range.');
  }
  $('detail-curate').replaceChildren(
    ...(kind === 'theme' && d.id !== 'other'
      ? [curationControls(d, { api: API, themes: lastVolume?.themes ?? [], areas: lastVolume?.areas ?? [], onDone: (edit) => refresh().then(() => openTheme(edit.kind === 'merge' ? edit.into : d.id)) })]
      : []),
  );
  const area = d.area && d.area.id !== d.id ? d.area : undefined;
  $('detail-area').replaceChildren(...(area ? ['Area: ', areaLink(area)] : []));
  $('detail-meta').textContent = `${d.id}${d.lang ? ` · ${d.lang}` : ''} · ${d.from} → ${d.to} · ${d.segment === 'all' ? 'all conversations' : d.segment}`;
  const s = d.summary;
  const stats = [
    ['Conversations', s ? nf.format(s.volume) : '0'],
    ['Negative', s ? rate(s.negativeShare, s.volume - (s.unscored ?? 0), 'scored conversations') : '–'],
    ['Avg sentiment', s ? s.avgSentiment.toFixed(2) : '–'],
    ['CSAT (rated)', s ? rate(s.csatRate, s.csatRated, 'rated conversations') : '–'],
    ['Last 7 days', s ? `${s.recent} (z ${s.risingScore.toFixed(1)})` : '–'],
  ];
  $('detail-stats').replaceChildren(...stats.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, v))));
  $('detail-keyphrases').replaceChildren(...(d.keyphrases.length ? d.keyphrases.map((k) => el('li', { text: k })) : [el('li', { text: 'none recorded' })]));
  // Discovery works within a language; shared support concepts link the same topic across languages.
  const related = d.related ?? [];
  $('detail-related').replaceChildren(
    ...(related.length
      ? related.map((r) => el('li', {}, el('a', { href: `#theme=${encodeURIComponent(r.id)}`, text: `${r.label} (${r.lang === '*' ? 'defined' : r.lang})`, onclick: (e) => { e.preventDefault(); openTheme(r.id); } })))
      : [el('li', { text: 'none found' })]),
  );
  $('detail-quotes').replaceChildren(
    ...(d.quotes.length
      ? d.quotes.map((q) => el('li', { class: q.score === undefined ? undefined : q.score < -0.05 ? 'neg' : q.score > 0.05 ? 'pos' : undefined }, `“${q.text}”`, q.score === undefined ? undefined : el('span', { class: 'score', text: `sentiment ${q.score.toFixed(2)}` }), q.conversationId ? el('span', { class: 'score' }, conversationLink(q.conversationId)) : undefined))
      : [el('li', { class: 'empty', text: 'No quotes for this filter (quotes are kept for all conversations only).' })]),
  );
  $('detail-empty').hidden = d.timeline.some((t) => t.volume > 0);
  $('detail-backdrop').hidden = false;
  $('detail').hidden = false;
  const byDay = new Map(d.timeline.map((t) => [t.day, t]));
  const days = [];
  for (let t = Date.parse(`${d.from}T00:00:00Z`); t <= Date.parse(`${d.to}T00:00:00Z`) && days.length < 800; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  const points = days.map((day) => byDay.get(day) ?? { day, volume: 0, negative: 0, neutral: 0, positive: 0 });
  chart('detail-chart', {
    type: 'bar',
    data: {
      labels: points.map((t) => fmtDay(t.day)),
      datasets: ['negative', 'neutral', 'positive'].map((k) => ({ label: k[0].toUpperCase() + k.slice(1), data: points.map((t) => t[k]), backgroundColor: SENTIMENT[k], stack: 'v' })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 10 } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } }, tooltip: { callbacks: { title: (items) => points[items[0].dataIndex].day } } },
    },
  });
  $('detail-summary').hidden = false;
  openDetailTheme = { kind, id: d.id, label: d.label };
  loadDetailConversations();
  $('detail-chart').setAttribute('aria-label', `Daily volume of ${d.label}: ${d.timeline.map((t) => `${t.day} ${t.volume}`).join(', ') || 'no conversations'}`);
  $('detail').focus();
}

/** The conversations behind the open theme or area, in the dashboard's filter: a page, a count, and the CSV of all. */
async function loadDetailConversations() {
  if (!openDetailTheme) return;
  // Until this answer arrives, the drawer holds no count (a reader, or a test, must not take the last one).
  delete $('detail-conversations-count').dataset.total;
  $('detail-conversations-count').textContent = 'Loading…';
  const f = readFilters();
  const sentiment = /** @type {HTMLSelectElement} */ ($('detail-sentiment')).value || undefined;
  const cell = openDetailTheme.kind === 'segment' ? openDetailTheme.params : { ...segmentFilter(f), [openDetailTheme.kind]: openDetailTheme.id };
  const params = { from: f.from, to: f.to, ...cell, sentiment, sort: 'negative' };
  /** @type {HTMLAnchorElement} */ ($('detail-csv')).href = `${API}conversations?${new URLSearchParams(Object.entries({ ...params, format: 'csv' }).filter(([, v]) => v))}`;
  try {
    const page = await api('conversations', { ...params, limit: 20 });
    $('detail-conversations-count').textContent = `${nf.format(page.total)} conversation${page.total === 1 ? '' : 's'}${sentiment ? ` (${sentiment})` : ''}, ${page.from} → ${page.to}; most negative first${page.total > page.rows.length ? `, the first ${page.rows.length} shown (Download CSV for all)` : ''}.`;
    $('detail-conversations-count').dataset.total = String(page.total);
    table(
      'detail-conversations',
      [{ label: 'Conversation' }, { label: 'Day' }, { label: 'Lang' }, { label: 'Sentiment', num: true }, { label: 'CSAT', num: true }, { label: 'SLA' }, { label: 'Quote' }],
      page.rows.map((r) => [conversationLink(r.id), r.day, r.lang, `${r.sentiment} ${r.score.toFixed(2)}`, r.csat === undefined ? '–' : r.csat.toFixed(0), r.slaFirst === 'breached' || r.slaResolution === 'breached' ? 'breached' : r.slaFirst || r.slaResolution ? 'met' : '–', r.quote ? shortLabel(r.quote, 80) : '']),
      'No conversations match.',
    );
  } catch (error) {
    showError(`Conversations: ${error.message}`);
  }
}

/**
 * The conversations behind a KPI row (a team, a channel, a language …), optionally only those that breached an SLA:
 * the detail drawer without the theme summary.
 */
function openSegmentConversations(dimension, value, label, extra = {}) {
  lastFocus = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const f = readFilters();
  $('detail-title').textContent = `Conversations · ${label}${extra.sla ? ' · SLA breached' : ''}`;
  $('detail-meta').textContent = `${dimension} ${value}${f.from ? ` · ${f.from} → ${f.to}` : ''}`;
  $('detail-summary').hidden = true;
  // A theme's or area's KPIs were computed within the language / channel filter; a team's over everything.
  openDetailTheme = { kind: 'segment', params: { ...(dimension === 'theme' || dimension === 'area' ? segmentFilter(f) : {}), [dimension]: value, ...extra } };
  $('detail-backdrop').hidden = false;
  $('detail').hidden = false;
  loadDetailConversations();
  $('detail').focus();
}

async function openConversation(id) {
  try {
    renderConversation(await api(`conversations/${encodeURIComponent(id)}`));
  } catch (error) {
    showError(`Conversation ${id}: ${error.message}`);
  }
}

function renderConversation(c) {
  $('conversation-title').textContent = c.theme.label;
  $('conversation-meta').textContent = `${c.id} · ${c.day} · ${c.source} · ${c.channel} · ${langNames?.of(c.language) ?? c.language}${c.team ? ` · team ${c.team}` : ''}${c.segment ? ` · ${c.segment}` : ''}`;
  const k = c.kpis;
  const sla = (o) => (!o ? 'no target' : `${o.met === true ? 'met' : o.met === false ? 'missed' : 'running'} (target ${minutes(o.targetMinutes)})`);
  const stats = [
    ['Area', c.area.id === c.theme.id ? '–' : areaLink(c.area)],
    ['Theme', themeLink(c.theme)],
    ['Sentiment', `${c.sentiment.label} ${c.sentiment.score.toFixed(2)}`],
    ['Trajectory', c.trajectory],
    ['CSAT', c.csat === undefined ? 'not rated' : `${c.csat.toFixed(1)} of 5`],
    ['First response', `${minutes(k.firstResponse?.calendarMinutes)} · ${sla(k.sla.firstResponse)}`],
    ['Resolution', `${minutes(k.fullResolution?.calendarMinutes)} · ${sla(k.sla.resolution)}`],
    ['Reopens', String(k.reopens)],
  ];
  $('conversation-stats').replaceChildren(...stats.map(([key, v]) => el('div', {}, el('dt', { text: key }), el('dd', { class: 'small' }, v))));
  $('conversation-messages').replaceChildren(
    ...c.messages.map((m) =>
      el('li', { class: `${m.role}${m.score === undefined ? '' : m.score < -0.05 ? ' neg' : m.score > 0.05 ? ' pos' : ''}` }, el('span', { class: 'who', text: `${m.role} · ${m.at.slice(0, 16).replace('T', ' ')}${m.score === undefined ? '' : ` · sentiment ${m.label} ${m.score.toFixed(2)}`}` }), m.text),
    ),
    ...(c.omitted ? [el('li', { class: 'muted', text: `${c.omitted} messages in the middle not kept` })] : []),
  );
  $('detail-backdrop').hidden = false;
  $('conversation').hidden = false;
  $('conversation').focus();
}

function closeConversation() {
  $('conversation').hidden = true;
  if ($('detail').hidden) $('detail-backdrop').hidden = true;
}

function closeDetail() {
  openDetailTheme = undefined;
  $('detail').hidden = true;
  $('detail-backdrop').hidden = true;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  lastFocus?.focus();
}

// ---------- load ----------

async function refresh() {
  const f = readFilters();
  if (f.lang && f.channel) {
    showError('Filter by language or by channel, not both: the aggregates are kept per single segment.');
    return;
  }
  showError('');
  syncUrl(f);
  const range = { from: f.from, to: f.to };
  const seg = segmentFilter(f);
  /** @type {HTMLAnchorElement} */ ($('csv')).href = `${API}themes?${new URLSearchParams(Object.entries({ ...range, ...seg, format: 'csv' }).filter(([, v]) => v))}`;
  $('summary').textContent = 'Loading…';
  try {
    const [volume, rising, negative, timeline, kpisByArea, kpisByTheme] = await Promise.all([
      api('themes', { ...range, ...seg, sort: 'volume', limit: 500 }),
      api('themes', { ...range, ...seg, sort: 'rising', limit: 10 }),
      api('themes', { ...range, ...seg, sort: 'negative', limit: 500 }),
      api('timeline', { ...range, ...seg, limit: 8, by: volumeBy }),
      api('kpis', { ...range, ...seg, by: 'area' }),
      api('kpis', { ...range, ...seg, by: 'theme' }),
      loadKpis(range, seg),
      api('templates').then(renderTemplates, () => renderTemplates(undefined)),
    ]);
    lastVolume = volume;
    if (!f.from && !f.to) writeFilters({ ...f, from: volume.from, to: volume.to });
    $('summary').textContent = `${nf.format(volume.total)} conversations · ${volume.from} → ${volume.to} · ${volume.segment === 'all' ? 'all languages and channels' : volume.segment.replace(':', ' ')}${unscoredNote(volume.unscored)}`;
    renderVolume(timeline);
    renderRising(rising);
    renderSentiment({ ...volume, themes: volume.themes.slice(0, 25) });
    lastThemes = { result: { ...volume, negativeThemes: negative.themes }, kpis: { area: new Map(kpisByArea.rows.map((r) => [r.key, r.kpis])), theme: new Map(kpisByTheme.rows.map((r) => [r.key, r.kpis])) } };
    renderThemes(lastThemes.result, lastThemes.kpis);
  } catch (error) {
    $('summary').textContent = '';
    showError(error instanceof ApiError ? error.message : `Could not load the dashboard: ${error.message}`);
  }
}

/** Conversations whose language has no sentiment lexicon: said, never shown as neutral. */
function unscoredNote(n) {
  return n ? ` · ${nf.format(n)} unscored (language without a sentiment lexicon; left out of the sentiment shares)` : '';
}

async function loadLastRun() {
  try {
    const [run] = await api('runs', { limit: 1 });
    $('last-run').textContent = run ? `Last run ${run.status} · ${new Date(run.finishedAt ?? run.startedAt).toLocaleString()} · newest day ${run.latestDay ?? '–'}${run.unscored ? ` · ${nf.format(run.unscored)} unscored` : ''}` : 'No pipeline run yet: voc run --sample';
  } catch {
    $('last-run').textContent = '';
  }
}

function setSeries(by) {
  volumeBy = by;
  $('by-area').setAttribute('aria-pressed', String(by === 'area'));
  $('by-theme').setAttribute('aria-pressed', String(by === 'theme'));
  syncUrl(readFilters());
  const f = readFilters();
  api('timeline', { from: f.from, to: f.to, ...segmentFilter(f), limit: 8, by }).then(renderVolume, (e) => showError(e.message));
}

function setMode(mode) {
  volumeMode = mode;
  $('mode-lines').setAttribute('aria-pressed', String(mode === 'lines'));
  $('mode-stacked').setAttribute('aria-pressed', String(mode === 'stacked'));
  syncUrl(readFilters());
  if (lastTimeline) renderVolume(lastTimeline);
}

function init() {
  if (typeof Chart === 'undefined') {
    showError('The chart library did not load (vendor/chart.umd.min.js). Is `npm ci` done?');
    return;
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#3a4150';
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    refresh();
  });
  // One segment at a time: picking a language clears the channel and vice versa.
  $('lang').addEventListener('change', () => {
    if (/** @type {HTMLSelectElement} */ ($('lang')).value) /** @type {HTMLSelectElement} */ ($('channel')).value = '';
    refresh();
  });
  $('channel').addEventListener('change', () => {
    if (/** @type {HTMLSelectElement} */ ($('channel')).value) /** @type {HTMLSelectElement} */ ($('lang')).value = '';
    refresh();
  });
  $('reset').addEventListener('click', () => {
    writeFilters({});
    refresh();
  });
  $('by-area').addEventListener('click', () => setSeries('area'));
  $('by-theme').addEventListener('click', () => setSeries('theme'));
  $('mode-lines').addEventListener('click', () => setMode('lines'));
  $('mode-stacked').addEventListener('click', () => setMode('stacked'));
  $('detail-close').addEventListener('click', closeDetail);
  $('conversation-close').addEventListener('click', closeConversation);
  $('detail-backdrop').addEventListener('click', () => {
    closeConversation();
    closeDetail();
  });
  $('detail-sentiment').addEventListener('change', loadDetailConversations);
  $('kpi-by').addEventListener('change', () => {
    kpiBy = /** @type {HTMLSelectElement} */ ($('kpi-by')).value;
    kpiSort = { column: 1, dir: 'descending' };
    const f = readFilters();
    loadKpis({ from: f.from, to: f.to }, segmentFilter(f)).catch((e) => showError(e.message));
  });
  const setThemesOrder = (order) => {
    themesOrder = order;
    $('themes-by-area').setAttribute('aria-pressed', String(order === 'area'));
    $('themes-negative').setAttribute('aria-pressed', String(order === 'negative'));
    if (lastThemes) renderThemes(lastThemes.result, lastThemes.kpis);
  };
  $('themes-by-area').addEventListener('click', () => setThemesOrder('area'));
  $('themes-negative').addEventListener('click', () => setThemesOrder('negative'));
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (!$('conversation').hidden) closeConversation();
    else if (!$('detail').hidden) closeDetail();
  });

  if (new URLSearchParams(location.search).get('view') === 'stacked') setMode('stacked');
  if (new URLSearchParams(location.search).get('series') === 'themes') {
    volumeBy = 'theme';
    $('by-area').setAttribute('aria-pressed', 'false');
    $('by-theme').setAttribute('aria-pressed', 'true');
  }
  writeFilters(filtersFromUrl());
  loadFilterOptions().then(() => writeFilters({ ...readFilters(), ...filtersFromUrl() }));
  loadLastRun();
  refresh().then(() => {
    const m = /^#(theme|area)=(.+)$/.exec(location.hash);
    if (m) (m[1] === 'area' ? openArea : openTheme)(decodeURIComponent(m[2]));
  });
}

init();
