// The product dashboard: plain ES module, Chart.js (served from node_modules by `voc serve`), the read API under api/.
/* global Chart */

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

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

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
    cubicInterpolationMode: 'monotone',
    pointRadius: timeline.days.length > 60 ? 0 : 2,
    borderWidth: 2,
  }));
  if (stacked && timeline.rest.some((n) => n > 0)) {
    // Off until asked for (click its legend entry): with many small themes it dwarfs the top ones.
    datasets.push({ label: volumeBy === 'area' ? 'All other areas' : 'All other themes', hidden: true, data: timeline.rest, borderColor: REST_COLOR, backgroundColor: `${REST_COLOR}cc`, fill: true, cubicInterpolationMode: 'monotone', pointRadius: 0, borderWidth: 1 });
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

/** KPI cells of one row: first response p50 and SLA %, with the number of conversations they judge. */
function kpiCells(k) {
  if (!k) return ['–', '–'];
  return [minutes(k.firstResponse?.p50), k.slaFirstResponseRate === undefined ? '–' : pct(k.slaFirstResponseRate)];
}

const expanded = new Set();

/** Areas, each followed by its themes (the first three until the area is opened up). */
function renderThemes(result, kpis) {
  const byId = new Map(result.themes.map((t) => [t.id, t]));
  const rows = [];
  const cells = (t, k) => [nf.format(t.volume), pct(t.share, 1), pct(t.negativeShare), sentimentBar(t), t.avgSentiment.toFixed(2), t.csat?.toFixed(1) ?? '–', ...kpiCells(k), nf.format(t.recent)];
  for (const a of result.areas.filter((x) => x.volume > 0)) {
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
  const headers = [{ label: 'Area › theme' }, { label: 'Conversations', num: true }, { label: 'Share', num: true }, { label: 'Negative', num: true }, { label: 'Sentiment mix' }, { label: 'Avg sentiment', num: true }, { label: 'CSAT', num: true }, { label: '1st response p50', num: true }, { label: 'SLA 1st response', num: true }, { label: 'Last 7 days', num: true }];
  t.replaceChildren();
  if (!rows.length) {
    t.append(el('caption', { class: 'empty', text: 'No conversations in this range for this filter. Has `voc run` run?' }));
    return;
  }
  t.append(el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : undefined, text: h.label })))));
  t.append(el('tbody', {}, rows.map((r) => el('tr', { class: r.cls }, r.cells.map((c, i) => el('td', { class: headers[i].num ? 'num' : undefined }, c))))));
}

function renderKpis(report, filtered) {
  $('kpi-note').textContent = `${filtered ? 'All languages and channels (team KPIs are not kept per language or channel). ' : ''}First response and resolution are p50 / p90 of elapsed time; SLA % is met ÷ judged; CSAT % is 4–5 ratings ÷ rated.`;
  table(
    'kpi-table',
    [{ label: 'Team' }, { label: 'Conversations', num: true }, { label: '1st response p50', num: true }, { label: 'p90', num: true }, { label: 'Resolution p50', num: true }, { label: 'p90', num: true }, { label: 'SLA 1st response', num: true }, { label: 'SLA resolution', num: true }, { label: 'CSAT', num: true }, { label: 'Reopened', num: true }],
    report.rows.map((r) => {
      const k = r.kpis;
      return [r.label, nf.format(r.volume), minutes(k.firstResponse.p50), minutes(k.firstResponse.p90), minutes(k.fullResolution.p50), minutes(k.fullResolution.p90), pct(k.slaFirstResponseRate), pct(k.slaResolutionRate), k.csatRate === undefined ? '–' : `${pct(k.csatRate)} (${k.csatMean?.toFixed(1) ?? '–'})`, pct(k.reopenRate)];
    }),
    'No team data in this range (the export has no team / group field).',
  );
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
  const area = d.area && d.area.id !== d.id ? d.area : undefined;
  $('detail-area').replaceChildren(...(area ? ['Area: ', areaLink(area)] : []));
  $('detail-meta').textContent = `${d.id}${d.lang ? ` · ${d.lang}` : ''} · ${d.from} → ${d.to} · ${d.segment === 'all' ? 'all conversations' : d.segment}`;
  const s = d.summary;
  const stats = [
    ['Conversations', s ? nf.format(s.volume) : '0'],
    ['Negative', s ? pct(s.negativeShare) : '–'],
    ['Avg sentiment', s ? s.avgSentiment.toFixed(2) : '–'],
    ['CSAT', s?.csat?.toFixed(1) ?? '–'],
    ['Last 7 days', s ? `${s.recent} (z ${s.risingScore.toFixed(1)})` : '–'],
  ];
  $('detail-stats').replaceChildren(...stats.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v }))));
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
      ? d.quotes.map((q) => el('li', { class: q.score === undefined ? undefined : q.score < -0.05 ? 'neg' : q.score > 0.05 ? 'pos' : undefined }, `“${q.text}”`, q.score === undefined ? undefined : el('span', { class: 'score', text: `sentiment ${q.score.toFixed(2)}` }), q.conversationId ? el('span', { class: 'score conv-id', text: q.conversationId }) : undefined))
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
  $('detail-chart').setAttribute('aria-label', `Daily volume of ${d.label}: ${d.timeline.map((t) => `${t.day} ${t.volume}`).join(', ') || 'no conversations'}`);
  $('detail').focus();
}

function closeDetail() {
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
    const [volume, rising, timeline, kpis, kpisByArea, kpisByTheme] = await Promise.all([
      api('themes', { ...range, ...seg, sort: 'volume', limit: 500 }),
      api('themes', { ...range, ...seg, sort: 'rising', limit: 10 }),
      api('timeline', { ...range, ...seg, limit: 8, by: volumeBy }),
      api('kpis', { ...range, by: 'team' }),
      api('kpis', { ...range, ...seg, by: 'area' }),
      api('kpis', { ...range, ...seg, by: 'theme' }),
    ]);
    if (!f.from && !f.to) writeFilters({ ...f, from: volume.from, to: volume.to });
    $('summary').textContent = `${nf.format(volume.total)} conversations · ${volume.from} → ${volume.to} · ${volume.segment === 'all' ? 'all languages and channels' : volume.segment.replace(':', ' ')}${unscoredNote(volume.unscored)}`;
    renderVolume(timeline);
    renderRising(rising);
    renderSentiment({ ...volume, themes: volume.themes.slice(0, 25) });
    renderThemes(volume, { area: new Map(kpisByArea.rows.map((r) => [r.key, r.kpis])), theme: new Map(kpisByTheme.rows.map((r) => [r.key, r.kpis])) });
    renderKpis(kpis, Boolean(seg.lang || seg.channel));
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
  $('detail-backdrop').addEventListener('click', closeDetail);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !$('detail').hidden) closeDetail();
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
