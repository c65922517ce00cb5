/**
 * Builds the bundled demo archive under data/sample/ (run: `npx tsx scripts/build-sample-archive.ts`,
 * or `npm run build:sample`).
 *
 *   data/sample/archive/helpdesk-en.jsonl         ~2,000 English conversations; the first customer message of
 *                                                 each is a Bitext utterance (CDLA-Sharing 1.0), the rest is
 *                                                 generated from scripts/sample-data/helpdesk-en-templates.json
 *   data/sample/archive/multilingual.jsonl        200 conversations in 9 languages, written by the voc-insights
 *                                                 team (scripts/sample-data/multilingual-phrases.json)
 *   data/sample/archive/helpdesk-en-update.jsonl  20 English conversations again, each with one more message and
 *                                                 a newer updatedAt (a later, overlapping export)
 *   data/sample/README.md                         what it is and the counts
 *
 * Deterministic: a seeded PRNG (mulberry32) and no clock or locale reads, so two runs give byte-identical files.
 * Every record is validated with the canonical `Conversation` schema before it is written.
 *
 * Options: --bitext PATH (default ../shared/datasets/bitext_cs.dev.jsonl relative to the repository root,
 * or $VOC_BITEXT_PATH), --out DIR (default data/sample).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Conversation, conversationId, describeZodError, type ConversationInput } from '../src/core/schema/conversation';
import { mulberry32 } from '../src/core/analysis/kmeans';

// ---------------------------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------------------------

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20261120;
const SOURCE = 'sample-helpdesk';
const FIRST_TICKET = 40218;
const TARGET_EN = 2000;
const UPDATES = 20;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const SEC = 1_000;

/** Conversations are created in [WINDOW_START, WINDOW_END]; the export was taken at EXPORT_AT. */
const WINDOW_START = Date.UTC(2026, 7, 31, 0, 0, 0);
const WINDOW_END = Date.UTC(2026, 10, 20, 23, 59, 59);
const WINDOW_DAYS = Math.round((WINDOW_END + 1000 - WINDOW_START) / DAY); // 82
const EXPORT_AT = Date.UTC(2026, 10, 21, 3, 0, 0);
/** The later export that the update file stands for. */
const UPDATE_EXPORT_AT = Date.UTC(2026, 10, 24, 6, 0, 0);
/** Start of the carrier backlog and the checkout card-decline incident that make themes rise. */
const INCIDENT_START = Date.UTC(2026, 10, 7, 0, 0, 0);
const RISING_DAYS = 14;
const CLOSE_AFTER = 4 * DAY; // solved tickets are closed automatically after 4 days

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const BITEXT_PATH = resolve(ROOT, argValue('--bitext') ?? process.env.VOC_BITEXT_PATH ?? '../shared/datasets/bitext_cs.dev.jsonl');
const OUT_DIR = resolve(ROOT, argValue('--out') ?? 'data/sample');
const ARCHIVE_DIR = join(OUT_DIR, 'archive');

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------------


class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** Log-uniform: good for waiting times that range from minutes to a day. */
  logBetween(min: number, max: number): number {
    return Math.exp(this.between(Math.log(min), Math.log(max)));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of pairs) {
      r -= w;
      if (r < 0) return item;
    }
    return pairs[pairs.length - 1]![0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
  hex(len: number): string {
    let s = '';
    while (s.length < len) s += Math.floor(this.next() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, len);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Time helpers (UTC only, no locale)
// ---------------------------------------------------------------------------------------------------------------

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function iso(ms: number): string {
  return new Date(Math.floor(ms / SEC) * SEC).toISOString().replace('.000Z', 'Z');
}
function longDate(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}
function weekdayName(ms: number): string {
  return WEEKDAYS[new Date(ms).getUTCDay()]!;
}

/** Support desk hours (UTC): Mon–Fri 07–21, Sat 09–17, closed on Sunday. */
function isStaffed(ms: number): boolean {
  const d = new Date(ms);
  const day = d.getUTCDay();
  const h = d.getUTCHours();
  if (day >= 1 && day <= 5) return h >= 7 && h < 21;
  if (day === 6) return h >= 9 && h < 17;
  return false;
}
function nextStaffed(ms: number): number {
  if (isStaffed(ms)) return ms;
  let t = Math.ceil(ms / (15 * MIN)) * 15 * MIN;
  for (let i = 0; i < 24 * 4 * 4 && !isStaffed(t); i++) t += 15 * MIN;
  return t;
}

/** Customer activity by local hour (0–23). */
const HOUR_WEIGHTS_WEEKDAY = [0.6, 0.4, 0.3, 0.25, 0.25, 0.4, 0.9, 1.8, 2.8, 3.4, 3.5, 3.4, 3.2, 3.4, 3.5, 3.4, 3.2, 3.0, 2.7, 2.5, 2.3, 2.0, 1.5, 1.0];
const HOUR_WEIGHTS_WEEKEND = [0.8, 0.5, 0.3, 0.25, 0.25, 0.3, 0.5, 0.9, 1.4, 1.9, 2.2, 2.3, 2.3, 2.2, 2.2, 2.1, 2.1, 2.0, 2.0, 2.0, 1.9, 1.7, 1.4, 1.1];
/** Relative volume Sunday..Saturday. */
const WEEKDAY_VOLUME = [0.42, 1.25, 1.15, 1.1, 1.05, 0.95, 0.5];

/** Rough UTC offsets (hours) for the customer countries, to put activity in local business hours. */
const UTC_OFFSET: Record<string, number> = {
  US: -6, CA: -5, GB: 0, IE: 0, AU: 10, NZ: 12, IN: 5.5, ZA: 2, SG: 8, PH: 8, NL: 1, DE: 1, ES: 1, MX: -6, AR: -3, CO: -5,
  FR: 1, BE: 1, CH: 1, AT: 1, BR: -3, PT: 0, IT: 1, SA: 3, AE: 4, EG: 2, MA: 1, JO: 3, SE: 1, CN: 8, MY: 8,
};

/** A creation time on a given day (index into the window) for a customer in `country`. */
function creationTime(rng: Rng, dayIndex: number, country: string | undefined): number {
  const offset = UTC_OFFSET[country ?? 'GB'] ?? 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const dayStart = WINDOW_START + dayIndex * DAY;
    const localDay = new Date(dayStart).getUTCDay();
    const weights = localDay === 0 || localDay === 6 ? HOUR_WEIGHTS_WEEKEND : HOUR_WEIGHTS_WEEKDAY;
    const hour = rng.weighted(weights.map((w, h) => [h, w] as const));
    const t = dayStart + (hour - offset) * HOUR + Math.floor(rng.float() * HOUR);
    // keep the conversation on its intended UTC day so the daily volume curve is what we planned
    if (t >= dayStart && t < dayStart + DAY && t >= WINDOW_START && t <= WINDOW_END) return t;
  }
  return WINDOW_START + dayIndex * DAY + rng.int(8, 20) * HOUR + rng.int(0, 3599) * SEC;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------------

interface BitextRow {
  id: string;
  text: string;
  label: string;
  category: string;
  flags: string;
  lang: string;
}

type Tone = 'positive' | 'neutral' | 'negative';
type Team = 'billing' | 'logistics' | 'accounts' | 'general';
type Channel = 'email' | 'chat' | 'web' | 'messaging' | 'social' | 'phone';

interface EnTemplates {
  customerNames: string[];
  agents: Record<Team, [string, string][]>;
  teamNames: Record<Team, string>;
  emailGreetings: string[];
  emailSignoffs: string[];
  chatOpeners: string[];
  bot: { greeting: string[]; handover: string[]; offline: string[] };
  phoneIntro: string[];
  socialFirstReply: string[];
  firstReply: Record<string, string[]>;
  incidentReply: { delivery: string[]; payment: string[] };
  family: Record<string, string>;
  followUp: Record<string, string[]>;
  incidentFollowUp: { delivery: string[]; payment: string[] };
  secondReply: { resolve: Record<string, string[]>; escalate: Record<string, string[]> };
  finalApology: string[];
  closing: Record<Tone, string[]>;
  closingByFamily: Record<string, Partial<Record<Tone, string[]>>>;
  notes: Record<string, string[]>;
  incidentNotes: { delivery: string[]; payment: string[] };
  pii: string[];
}

type MlTopic =
  | 'order_not_arrived' | 'refund' | 'cancel_order' | 'change_address' | 'payment_problem'
  | 'account_password' | 'invoice' | 'delivery_delay' | 'complaint' | 'praise';

interface MlLanguage {
  language: string;
  count: number;
  digits?: 'persian';
  countries: [string, number][];
  customerNames: string[];
  agents: [string, string][];
  bot: string;
  greet: string[];
  sign: string[];
  /** Openings: [tone, text, index of the reply that answers it (optional)]. */
  topics: Record<MlTopic, { open: [('neg' | 'neu' | 'pos'), string, number?][]; reply: string[] }>;
  followUp: { stillWaiting: string; noResponse: string; notWorking: string };
  resolve: string[];
  closing: Record<Tone, string[]>;
  pii: string[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

// ---------------------------------------------------------------------------------------------------------------
// Intents: volume, rising themes, metadata
// ---------------------------------------------------------------------------------------------------------------

/** Relative share of each Bitext intent in a typical week (an e-commerce help desk, not the dataset's balance). */
const INTENT_WEIGHTS: Record<string, number> = {
  track_order: 12, delivery_period: 5, delivery_options: 3, change_shipping_address: 3, set_up_shipping_address: 1.5,
  place_order: 2, change_order: 4, cancel_order: 3.5,
  get_refund: 7, track_refund: 4, check_refund_policy: 3,
  payment_issue: 7, check_payment_methods: 2.5, check_cancellation_fee: 2,
  get_invoice: 4, check_invoices: 3,
  recover_password: 6, create_account: 2.5, delete_account: 3, edit_account: 2, registration_problems: 2.5, switch_account: 1,
  contact_customer_service: 3, contact_human_agent: 3,
  complaint: 5, review: 3, newsletter_subscription: 1.5,
};

/** Intents that grow over the last two weeks: (maximum extra multiple reached on the last day). */
const RISING: Record<string, number> = { track_order: 2.4, delivery_period: 3.2, payment_issue: 3.0 };
const INCIDENT_FAMILY: Record<string, 'delivery' | 'payment'> = { track_order: 'delivery', delivery_period: 'delivery', payment_issue: 'payment' };

function risingMultiplier(intent: string, dayIndex: number): number {
  const extra = RISING[intent];
  if (!extra) return 1;
  const firstRisingDay = WINDOW_DAYS - RISING_DAYS;
  if (dayIndex < firstRisingDay) return 1;
  const ramp = (dayIndex - firstRisingDay + 1) / RISING_DAYS; // (0, 1]
  return 1 + extra * ramp;
}

const CATEGORY_TEAM: Record<string, Team> = {
  ACCOUNT: 'accounts', NEWSLETTER: 'accounts',
  PAYMENT: 'billing', INVOICES: 'billing', REFUNDS: 'billing', CANCELLATION_FEE: 'billing',
  ORDER: 'logistics', DELIVERY: 'logistics', SHIPPING: 'logistics',
  CONTACT: 'general', FEEDBACK: 'general',
};
const CATEGORY_AREA: Record<string, string | undefined> = {
  ACCOUNT: 'account', NEWSLETTER: 'marketing', PAYMENT: 'payments', INVOICES: 'invoices', REFUNDS: 'refunds',
  CANCELLATION_FEE: 'subscriptions', ORDER: 'orders', DELIVERY: 'shipping', SHIPPING: 'shipping', CONTACT: undefined, FEEDBACK: undefined,
};
const INTENT_TAGS: Record<string, string[]> = {
  track_order: ['wismo', 'order-status'], delivery_period: ['delivery-time'], delivery_options: ['delivery-options'],
  change_shipping_address: ['address-change'], set_up_shipping_address: ['address-book'], place_order: ['new-order', 'sales'],
  change_order: ['order-change'], cancel_order: ['cancellation'], get_refund: ['refund-request', 'returns'],
  track_refund: ['refund-status'], check_refund_policy: ['returns-policy'], payment_issue: ['payment-failed'],
  check_payment_methods: ['payment-methods'], check_cancellation_fee: ['cancellation-fee'], get_invoice: ['invoice-request'],
  check_invoices: ['invoices'], recover_password: ['password-reset', 'login'], create_account: ['signup'],
  delete_account: ['account-deletion', 'gdpr'], edit_account: ['profile-update'], registration_problems: ['signup', 'bug'],
  switch_account: ['account-switch'], contact_customer_service: ['contact'], contact_human_agent: ['handover'],
  complaint: ['complaint'], review: ['feedback'], newsletter_subscription: ['newsletter'],
};
const LOW_PRIORITY_INTENTS = new Set(['newsletter_subscription', 'review', 'check_refund_policy', 'check_payment_methods', 'delivery_options', 'place_order', 'create_account', 'check_invoices', 'set_up_shipping_address', 'switch_account']);
const HIGH_PRIORITY_INTENTS = new Set(['complaint', 'payment_issue', 'contact_human_agent', 'registration_problems']);

const CHANNEL_WEIGHTS: [Channel, number][] = [['email', 34], ['chat', 30], ['web', 12], ['messaging', 9], ['social', 8], ['phone', 7]];

// ---------------------------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------------------------

interface Person {
  id: string;
  name: string;
  plan?: string;
  country?: string;
  segment?: string;
}

const usedCustomerIds = new Set<string>();
function newCustomerId(rng: Rng): string {
  for (;;) {
    const id = `cust-${rng.hex(10)}`;
    if (!usedCustomerIds.has(id)) {
      usedCustomerIds.add(id);
      return id;
    }
  }
}

function makeCustomer(rng: Rng, names: string[], countries: readonly (readonly [string, number])[]): Person {
  const plan = rng.weighted([['free', 55], ['pro', 35], ['enterprise', 10]] as const);
  const segment =
    plan === 'enterprise' ? rng.weighted([['enterprise', 70], ['mid-market', 30]] as const)
    : plan === 'pro' ? rng.weighted([['smb', 70], ['mid-market', 30]] as const)
    : 'smb';
  const person: Person = { id: newCustomerId(rng), name: rng.pick(names), plan, segment, country: rng.weighted(countries) };
  if (rng.chance(0.05)) delete person.country;
  if (rng.chance(0.08)) delete person.segment;
  return person;
}

const EN_COUNTRIES: [string, number][] = [['US', 44], ['GB', 21], ['CA', 8], ['AU', 7], ['IN', 7], ['IE', 4], ['ZA', 3], ['NZ', 2], ['SG', 2], ['NL', 1], ['DE', 1]];

function currency(country: string | undefined): (n: number) => string {
  if (country === 'GB') return (n) => `£${n.toFixed(2)}`;
  if (country && ['IE', 'NL', 'DE', 'ES', 'FR', 'IT', 'PT', 'BE', 'AT'].includes(country)) return (n) => `€${n.toFixed(2)}`;
  return (n) => `$${n.toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Conversation drafts
// ---------------------------------------------------------------------------------------------------------------

interface DraftMessage {
  role: 'customer' | 'agent' | 'bot' | 'system';
  authorId: string;
  t: number;
  text: string;
  public: boolean;
}

interface Draft {
  kind: 'en' | 'ml';
  language: string;
  /** Set when the record should carry `language`. */
  statedLanguage?: string;
  channel: Channel;
  customer: Person;
  assignee?: string;
  team: Team;
  productArea?: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tags: string[];
  tone: Tone;
  messages: DraftMessage[];
  /** Whether the last agent message was an escalation (waiting on a third party). */
  escalated: boolean;
  /** Used by the English update file. */
  family?: string;
  vars?: Record<string, string>;
  intent?: string;
  sourceId?: string;
  status?: 'open' | 'pending' | 'solved' | 'closed';
  closedAt?: number;
  csat?: number;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([a-z]+)\}/g, (m, key: string) => (key in vars ? vars[key]! : m));
}

/** Appends a message no earlier than one second after the previous one. */
function push(messages: DraftMessage[], m: DraftMessage): number {
  const last = messages[messages.length - 1];
  if (last && m.t <= last.t) m.t = last.t + SEC * (1 + (m.text.length % 7));
  m.t = Math.floor(m.t / SEC) * SEC;
  if (last && m.t <= last.t) m.t = last.t + SEC;
  messages.push(m);
  return m.t;
}

/** When an agent answers a customer message sent at `after`. */
function agentDelay(rng: Rng, channel: Channel, after: number): number {
  if (channel === 'phone') return after + rng.between(4, 40) * SEC;
  if (channel === 'chat') {
    if (isStaffed(after)) return after + rng.logBetween(15 * SEC, 7 * MIN);
    return nextStaffed(after) + rng.logBetween(3 * MIN, 90 * MIN);
  }
  const span: Record<Exclude<Channel, 'phone' | 'chat'>, [number, number]> = {
    messaging: [4 * MIN, 3 * HOUR],
    social: [10 * MIN, 8 * HOUR],
    email: [25 * MIN, 28 * HOUR],
    web: [30 * MIN, 30 * HOUR],
  };
  const [lo, hi] = span[channel];
  const t = after + rng.logBetween(lo, hi);
  return isStaffed(t) ? t : nextStaffed(t) + rng.logBetween(5 * MIN, 2 * HOUR);
}

/** When the customer writes again after a message at `after`. */
function customerDelay(rng: Rng, channel: Channel, after: number, kind: 'reply' | 'chase' | 'close'): number {
  if (channel === 'phone') return after + rng.between(3, 30) * SEC;
  if (channel === 'chat') return after + (kind === 'close' ? rng.between(15 * SEC, 3 * MIN) : rng.between(30 * SEC, 5 * MIN));
  if (kind === 'chase') return after + rng.between(1.6 * DAY, 4.4 * DAY);
  if (channel === 'messaging') return after + rng.logBetween(3 * MIN, 6 * HOUR);
  if (channel === 'social') return after + rng.logBetween(10 * MIN, 10 * HOUR);
  return after + rng.logBetween(40 * MIN, 2 * DAY);
}

function decideStatus(rng: Rng, d: Draft, truncated: boolean): void {
  const pub = d.messages.filter((m) => m.public && m.role !== 'system' && m.role !== 'bot');
  const last = pub[pub.length - 1]!;
  const lastTime = d.messages[d.messages.length - 1]!.t;
  const hasAgent = pub.some((m) => m.role === 'agent');
  // a ticket untouched for more than 10 days has usually been closed by an agent sweep
  const stale = lastTime < EXPORT_AT - 10 * DAY;
  let status: Draft['status'];
  if (truncated || !hasAgent) {
    status = last.role === 'customer' ? 'open' : 'pending';
  } else if (last.role === 'customer' && d.tone === 'negative') {
    status = rng.chance(stale ? 0.12 : 0.55) ? 'open' : 'solved';
  } else if (last.role === 'agent' && d.escalated) {
    status = rng.chance(stale ? 0.1 : 0.6) ? 'pending' : 'solved';
  } else {
    status = 'solved';
  }
  if (status === 'solved' && lastTime + CLOSE_AFTER <= EXPORT_AT) status = 'closed';
  d.status = status;
  if (status === 'solved' || status === 'closed') {
    d.closedAt = lastTime;
    if (rng.chance(0.4)) {
      d.csat =
        d.tone === 'positive' ? rng.weighted([[5, 70], [4, 27], [3, 3]] as const)
        : d.tone === 'neutral' ? rng.weighted([[5, 25], [4, 40], [3, 25], [2, 10]] as const)
        : rng.weighted([[1, 60], [2, 30], [3, 10]] as const);
    }
  }
}

/** Drops messages after the export time; returns whether any were dropped. */
function truncateAtExport(d: Draft): boolean {
  const before = d.messages.length;
  d.messages = d.messages.filter((m) => m.t <= EXPORT_AT);
  return d.messages.length < before;
}

// ---------------------------------------------------------------------------------------------------------------
// English conversations
// ---------------------------------------------------------------------------------------------------------------

function buildEnglish(tpl: EnTemplates, bitext: BitextRow[]): Draft[] {
  const rng = new Rng(SEED);
  const byIntent = new Map<string, BitextRow[]>();
  for (const row of bitext) {
    if (!byIntent.has(row.label)) byIntent.set(row.label, []);
    byIntent.get(row.label)!.push(row);
  }
  for (const intent of Object.keys(INTENT_WEIGHTS)) {
    if (!byIntent.has(intent)) throw new Error(`Bitext file has no utterances for intent ${intent}`);
  }
  // Each intent's utterances are used in a shuffled order, cycling only once they run out.
  const queues = new Map<string, { rows: BitextRow[]; next: number }>();
  for (const [intent, rows] of [...byIntent.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    queues.set(intent, { rows: rng.shuffle(rows), next: 0 });
  }
  const takeUtterance = (intent: string): BitextRow => {
    const q = queues.get(intent)!;
    const row = q.rows[q.next % q.rows.length]!;
    q.next++;
    return row;
  };

  const customers: Person[] = [];
  for (let i = 0; i < 1500; i++) customers.push(makeCustomer(rng, tpl.customerNames, EN_COUNTRIES));
  // skewed: a core of repeat customers, a long tail of one-off contacts
  const pickCustomer = (): Person => customers[Math.floor(Math.pow(rng.float(), 1.7) * customers.length)]!;

  // daily volume: weekday pattern × rising intents, scaled to about TARGET_EN in total
  const intents = Object.keys(INTENT_WEIGHTS);
  const baseWeight = intents.reduce((s, k) => s + INTENT_WEIGHTS[k]!, 0);
  const dayWeights: number[] = [];
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const dow = new Date(WINDOW_START + d * DAY).getUTCDay();
    const mix = intents.reduce((s, k) => s + INTENT_WEIGHTS[k]! * risingMultiplier(k, d), 0) / baseWeight;
    dayWeights.push(WEEKDAY_VOLUME[dow]! * mix);
  }
  const scale = TARGET_EN / dayWeights.reduce((s, w) => s + w, 0);

  const drafts: Draft[] = [];
  for (let d = 0; d < WINDOW_DAYS; d++) {
    const n = Math.max(1, Math.round(dayWeights[d]! * scale * rng.between(0.85, 1.15)));
    const weights = intents.map((k) => [k, INTENT_WEIGHTS[k]! * risingMultiplier(k, d)] as const);
    for (let i = 0; i < n; i++) {
      const intent = rng.weighted(weights);
      const customer = pickCustomer();
      const created = creationTime(rng, d, customer.country);
      drafts.push(buildEnglishConversation(rng, tpl, intent, takeUtterance(intent), () => takeUtterance(intent), customer, created));
    }
  }
  return drafts;
}

function buildEnglishConversation(
  rng: Rng,
  tpl: EnTemplates,
  intent: string,
  first: BitextRow,
  another: () => BitextRow,
  customer: Person,
  created: number,
): Draft {
  const category = first.category;
  const team = CATEGORY_TEAM[category] ?? 'general';
  const [agentId, agentName] = rng.pick(tpl.agents[team]);
  const family = tpl.family[intent] ?? 'contact';
  const incidentFamily = INCIDENT_FAMILY[intent];
  const incident = incidentFamily !== undefined && created >= INCIDENT_START && rng.chance(0.8);

  let channel = rng.weighted(CHANNEL_WEIGHTS);
  if (intent === 'contact_human_agent' && rng.chance(0.5)) channel = 'chat';
  if (intent === 'complaint' && channel === 'chat' && rng.chance(0.4)) channel = 'email';

  // tone of the way the conversation ends
  let pNeg = 0.18;
  if (intent === 'complaint') pNeg = 0.45;
  else if (intent === 'contact_human_agent') pNeg = 0.35;
  else if (intent === 'registration_problems') pNeg = 0.25;
  else if (intent === 'review') pNeg = 0.08;
  if (incident) pNeg = 0.5;
  const tone: Tone = rng.chance(pNeg) ? 'negative' : rng.chance(0.72) ? 'positive' : 'neutral';

  const fmt = currency(customer.country);
  const vars: Record<string, string> = {
    name: customer.name,
    agent: agentName,
    team: tpl.teamNames[team],
    order: `#${rng.int(3100000, 3999999)}`,
    amount: fmt(rng.int(1299, 24900) / 100),
    date: longDate(created + rng.int(2, 5) * DAY),
    weekday: weekdayName(created - rng.int(0, 2) * DAY),
    days: String(rng.int(3, 6)),
    ref: `CR-${rng.int(100000, 999999)}`,
    n: String(rng.int(2, 9)),
  };
  const f = (s: string, extra: Record<string, string> = {}) => fill(s, { ...vars, ...extra });

  const formatAgent = (body: string): string => {
    if (channel === 'email' || channel === 'web') {
      return `${f(rng.pick(tpl.emailGreetings))}\n\n${f(body)}\n\n${f(rng.pick(tpl.emailSignoffs))}`;
    }
    if (channel === 'phone' || channel === 'social') return f(body);
    return f(rng.pick(tpl.chatOpeners)) + f(body);
  };

  const msgs: DraftMessage[] = [];
  const customerMsg = (t: number, text: string) => push(msgs, { role: 'customer', authorId: customer.id, t, text, public: true });
  const agentMsg = (t: number, text: string, isPublic = true) => push(msgs, { role: 'agent', authorId: agentId, t, text, public: isPublic });
  const botMsg = (t: number, text: string) => push(msgs, { role: 'bot', authorId: 'bot-ava', t, text, public: true });

  let t = created;
  if (channel === 'phone') {
    push(msgs, { role: 'system', authorId: 'system', t, text: rng.pick(tpl.phoneIntro), public: false });
    t += rng.between(10, 40) * SEC;
  } else if ((channel === 'chat' && rng.chance(0.7)) || (channel === 'messaging' && rng.chance(0.35))) {
    t = botMsg(t, rng.pick(tpl.bot.greeting));
    t += rng.between(8, 70) * SEC;
  }
  t = customerMsg(t, first.text);

  if (rng.chance(0.05)) {
    t = customerMsg(t + rng.between(20 * SEC, 4 * MIN), rng.pick(tpl.pii));
  }

  const botHandover = channel === 'chat' && msgs[0]!.role === 'bot';
  if (botHandover) {
    if (!isStaffed(t)) t = botMsg(t + rng.between(2, 6) * SEC, rng.pick(tpl.bot.offline));
    else if (rng.chance(0.6)) t = botMsg(t + rng.between(2, 6) * SEC, f(rng.pick(tpl.bot.handover)));
  }

  // first agent response (a customer on an async channel may chase before it arrives)
  let reply = agentDelay(rng, channel, t);
  if ((channel === 'email' || channel === 'web') && reply - t > 20 * HOUR && rng.chance(0.35)) {
    const chase = t + rng.between(14 * HOUR, reply - t - 30 * MIN);
    const gap = Math.round((chase - created) / DAY);
    const pool = tpl.followUp.noResponse!.filter((s) => gap >= 2 || !s.includes('{gap}'));
    t = customerMsg(chase, f(rng.pick(pool), { gap: String(gap), weekday: weekdayName(created) }));
    reply = Math.max(reply, t + rng.between(10, 60) * MIN);
  } else if (channel === 'chat' && isStaffed(t) && reply - t > 150 * SEC && rng.chance(0.3)) {
    t = customerMsg(t + rng.between(90 * SEC, reply - t - 20 * SEC), rng.pick(tpl.followUp.chatWaiting!));
  }

  const noteChance = incident || tone === 'negative' ? 0.22 : 0.1;
  const addNote = () => {
    const notes = incident ? tpl.incidentNotes[incidentFamily!] : (tpl.notes[family] ?? tpl.notes.feedback!);
    t = agentMsg(t + rng.between(20 * SEC, 4 * MIN), f(rng.pick(notes)), false);
  };

  let firstBody: string;
  if (channel === 'social') firstBody = rng.pick(tpl.socialFirstReply);
  else if (incident) firstBody = rng.pick(tpl.incidentReply[incidentFamily!]);
  else firstBody = rng.pick(tpl.firstReply[intent] ?? tpl.firstReply.contact_customer_service!);
  if (rng.chance(noteChance)) {
    t = Math.max(t, reply - rng.between(1, 10) * MIN);
    addNote();
    reply = Math.max(reply, t + 30 * SEC);
  }
  t = agentMsg(reply, formatAgent(firstBody));

  let escalated = false;
  // social: the DM thread continues with the real answer
  if (channel === 'social') {
    t = customerMsg(customerDelay(rng, channel, t, 'reply'), rng.chance(0.5) ? `Sent you a DM. Order ${vars.order}.` : another().text);
    const body = incident ? rng.pick(tpl.incidentReply[incidentFamily!]) : rng.pick(tpl.firstReply[intent] ?? tpl.firstReply.contact_customer_service!);
    t = agentMsg(agentDelay(rng, channel, t), formatAgent(body));
  }

  const followUpChance = (tone === 'negative' ? 0.85 : 0.45) * (channel === 'phone' ? 0.6 : 1);
  if (rng.chance(followUpChance)) {
    const sameSession = channel === 'chat' || channel === 'phone';
    let text: string;
    let kind: 'reply' | 'chase' = 'reply';
    const roll = rng.float();
    if (incident && roll < 0.6) {
      text = rng.pick(tpl.incidentFollowUp[incidentFamily!]);
      if (!sameSession) kind = 'chase';
    } else if (roll < 0.15) {
      text = another().text;
    } else if (roll < 0.6 && tpl.followUp[family]) {
      text = rng.pick(tpl.followUp[family]!);
    } else if (channel === 'phone') {
      text = rng.pick(tpl.followUp.phone!);
    } else if (sameSession || rng.chance(0.5)) {
      text = rng.pick(tpl.followUp.sameSession!);
    } else {
      text = rng.pick(tpl.followUp.chase!);
      kind = 'chase';
    }
    const at = customerDelay(rng, channel, t, kind);
    const gap = Math.max(2, Math.round((at - t) / DAY));
    // {days}: how long the customer has been waiting for the order/refund, which grows while the ticket is open
    const days = Number(vars.days) + Math.round((at - created) / DAY);
    t = customerMsg(at, f(text, { days: String(days), gap: String(gap) }));

    const escalate = tone === 'negative' ? rng.chance(0.7) : rng.chance(0.08);
    const pool = (escalate ? tpl.secondReply.escalate : tpl.secondReply.resolve)[family] ?? tpl.secondReply.resolve.contact!;
    reply = agentDelay(rng, channel, t);
    if (rng.chance(noteChance / 2)) {
      t = Math.max(t, reply - rng.between(1, 10) * MIN);
      addNote();
      reply = Math.max(reply, t + 30 * SEC);
    }
    t = agentMsg(reply, formatAgent(rng.pick(pool)));
    escalated = escalate;
  }

  const closingChance = tone === 'positive' ? 0.7 : tone === 'neutral' ? 0.45 : 0.9;
  if (rng.chance(closingChance)) {
    const specific = channel === 'phone' ? undefined : tpl.closingByFamily[family]?.[tone];
    const text = specific && rng.chance(0.4) ? rng.pick(specific) : rng.pick(tpl.closing[tone]);
    t = customerMsg(customerDelay(rng, channel, t, 'close'), f(text));
    if (tone === 'negative' && rng.chance(0.45)) {
      t = agentMsg(agentDelay(rng, channel, t), formatAgent(rng.pick(tpl.finalApology)));
      escalated = true;
    }
  }

  // metadata
  let priority: Draft['priority'] = 'normal';
  const urgentP = (customer.plan === 'enterprise' ? 0.06 : 0.02) + (incident ? 0.04 : 0);
  const highP = HIGH_PRIORITY_INTENTS.has(intent) ? 0.35 : incident ? 0.3 : 0.1;
  const lowP = LOW_PRIORITY_INTENTS.has(intent) ? 0.45 : 0.12;
  const roll = rng.float();
  if (roll < urgentP) priority = 'urgent';
  else if (roll < urgentP + highP) priority = 'high';
  else if (roll < urgentP + highP + lowP) priority = 'low';

  const tags: string[] = [];
  if (rng.chance(0.72)) {
    const intentTags = INTENT_TAGS[intent] ?? [];
    tags.push(...(rng.chance(0.5) ? intentTags : intentTags.slice(0, 1)));
  }
  if (incident && rng.chance(0.8)) tags.push(incidentFamily === 'delivery' ? 'carrier-delay' : 'checkout-card-declines');
  if (customer.plan === 'enterprise' && rng.chance(0.7)) tags.push('vip');
  if (escalated && rng.chance(0.7)) tags.push('escalated');

  const draft: Draft = {
    kind: 'en',
    language: 'en',
    channel,
    customer,
    assignee: agentId,
    team,
    priority,
    tags,
    tone,
    messages: msgs,
    escalated,
    family,
    intent,
    vars,
  };
  const area = CATEGORY_AREA[category];
  if (area) draft.productArea = area;
  if (rng.chance(0.5)) draft.statedLanguage = 'en';
  const truncated = truncateAtExport(draft);
  decideStatus(rng, draft, truncated);
  if (!draft.messages.some((m) => m.role === 'agent') && rng.chance(0.5)) delete draft.assignee;
  return draft;
}

// ---------------------------------------------------------------------------------------------------------------
// Multilingual conversations (original text, see scripts/sample-data/multilingual-phrases.json)
// ---------------------------------------------------------------------------------------------------------------

const ML_TOPIC_WEIGHTS: [MlTopic, number][] = [
  ['order_not_arrived', 14], ['refund', 12], ['cancel_order', 9], ['change_address', 8], ['payment_problem', 11],
  ['account_password', 10], ['invoice', 8], ['delivery_delay', 12], ['complaint', 9], ['praise', 7],
];
const ML_TOPIC_META: Record<MlTopic, { team: Team; area?: string; tags: string[] }> = {
  order_not_arrived: { team: 'logistics', area: 'shipping', tags: ['wismo'] },
  refund: { team: 'billing', area: 'refunds', tags: ['refund-request'] },
  cancel_order: { team: 'logistics', area: 'orders', tags: ['cancellation'] },
  change_address: { team: 'logistics', area: 'shipping', tags: ['address-change'] },
  payment_problem: { team: 'billing', area: 'payments', tags: ['payment-failed'] },
  account_password: { team: 'accounts', area: 'account', tags: ['password-reset', 'login'] },
  invoice: { team: 'billing', area: 'invoices', tags: ['invoice-request'] },
  delivery_delay: { team: 'logistics', area: 'shipping', tags: ['delivery-delay'] },
  complaint: { team: 'general', area: 'orders', tags: ['complaint'] },
  praise: { team: 'general', tags: ['praise'] },
};
const ML_CHANNELS: [Channel, number][] = [['email', 38], ['chat', 28], ['web', 14], ['messaging', 12], ['social', 8]];

function localDigits(s: string, digits: MlLanguage['digits']): string {
  if (digits !== 'persian') return s;
  return s.replace(/[0-9]/g, (c) => '۰۱۲۳۴۵۶۷۸۹'[Number(c)]!);
}

function buildMultilingual(phrases: Record<string, MlLanguage>): Draft[] {
  const rng = new Rng(SEED + 1);
  const drafts: Draft[] = [];
  const dayPairs: [number, number][] = [];
  for (let d = 0; d < WINDOW_DAYS; d++) dayPairs.push([d, WEEKDAY_VOLUME[new Date(WINDOW_START + d * DAY).getUTCDay()]!]);

  for (const code of Object.keys(phrases).filter((k) => !k.startsWith('_')).sort()) {
    const lang = phrases[code]!;
    // every topic at least once per language, the rest by weight
    const topics: MlTopic[] = rng.shuffle(ML_TOPIC_WEIGHTS.map(([k]) => k));
    while (topics.length < lang.count) topics.push(rng.weighted(ML_TOPIC_WEIGHTS));
    for (const topic of topics) {
      const customer = makeCustomer(rng, lang.customerNames, lang.countries);
      const created = creationTime(rng, rng.weighted(dayPairs), customer.country);
      drafts.push(buildMlConversation(rng, code, lang, topic, customer, created));
    }
  }
  return drafts;
}

function buildMlConversation(rng: Rng, code: string, lang: MlLanguage, topic: MlTopic, customer: Person, created: number): Draft {
  const meta = ML_TOPIC_META[topic];
  const [agentId, agentName] = rng.pick(lang.agents);
  const channel = rng.weighted(ML_CHANNELS);
  const [openTone, openText, replyIndex] = rng.pick(lang.topics[topic].open);
  const replies = lang.topics[topic].reply;
  const firstReply = replyIndex !== undefined ? replies[replyIndex]! : rng.pick(replies);
  const vars: Record<string, string> = {
    name: customer.name,
    agent: agentName,
    order: `#${rng.int(3100000, 3999999)}`,
    days: localDigits(String(rng.int(3, 9)), lang.digits),
  };
  const f = (s: string, extra: Record<string, string> = {}) => fill(s, { ...vars, ...extra });
  const tone: Tone =
    openTone === 'pos' ? 'positive'
    : openTone === 'neg' ? rng.weighted([['negative', 45], ['positive', 35], ['neutral', 20]] as const)
    : rng.weighted([['positive', 60], ['neutral', 25], ['negative', 15]] as const);
  const formatAgent = (body: string): string =>
    channel === 'email' || channel === 'web' ? `${f(rng.pick(lang.greet))}\n\n${f(body)}\n\n${f(rng.pick(lang.sign))}` : f(body);

  const msgs: DraftMessage[] = [];
  const customerMsg = (t: number, text: string) => push(msgs, { role: 'customer', authorId: customer.id, t, text, public: true });
  const agentMsg = (t: number, text: string) => push(msgs, { role: 'agent', authorId: agentId, t, text, public: true });

  let t = created;
  if (channel === 'chat' && rng.chance(0.7)) {
    t = push(msgs, { role: 'bot', authorId: 'bot-ava', t, text: lang.bot, public: true });
    t += rng.between(8, 70) * SEC;
  }
  t = customerMsg(t, f(openText));
  if (topic !== 'praise' && rng.chance(0.12)) {
    // bank details only where a refund or payment is the subject, otherwise an e-mail address
    const pii = topic === 'refund' || topic === 'payment_problem' ? lang.pii : lang.pii.filter((x) => x.includes('@'));
    t = customerMsg(t + rng.between(20 * SEC, 4 * MIN), rng.pick(pii));
  }
  let reply = agentDelay(rng, channel, t);
  const async = channel === 'email' || channel === 'web';
  if (async && topic !== 'praise' && reply - created > 2 * DAY && rng.chance(0.5)) {
    const at = created + rng.between(2 * DAY, reply - created - 30 * MIN);
    const gap = Math.floor((at - created) / DAY);
    t = customerMsg(at, f(lang.followUp.noResponse, { days: localDigits(String(gap), lang.digits) }));
    reply = Math.max(reply, t + rng.between(10, 60) * MIN);
  }
  t = agentMsg(reply, formatAgent(firstReply));

  let escalated = false;
  if (topic !== 'praise' && rng.chance(tone === 'negative' ? 0.7 : 0.35)) {
    const chase = async && rng.chance(0.5);
    const text = chase ? lang.followUp.stillWaiting : lang.followUp.notWorking;
    t = customerMsg(customerDelay(rng, channel, t, chase ? 'chase' : 'reply'), text);
    t = agentMsg(agentDelay(rng, channel, t), formatAgent(rng.pick(lang.resolve)));
    escalated = tone === 'negative' && rng.chance(0.3);
  }
  if (rng.chance(topic === 'praise' ? 0.3 : tone === 'negative' ? 0.85 : 0.65)) {
    const text = topic === 'praise' ? lang.closing.positive[0]! : rng.pick(lang.closing[tone]);
    t = customerMsg(customerDelay(rng, channel, t, 'close'), f(text));
  }

  const roll = rng.float();
  const priority: Draft['priority'] =
    roll < 0.03 ? 'urgent'
    : roll < (topic === 'complaint' || topic === 'payment_problem' ? 0.4 : 0.13) ? 'high'
    : roll > (topic === 'praise' || topic === 'invoice' ? 0.5 : 0.85) ? 'low'
    : 'normal';
  const draft: Draft = {
    kind: 'ml',
    language: code,
    channel,
    customer,
    assignee: agentId,
    team: meta.team,
    priority,
    tags: rng.chance(0.6) ? [...meta.tags] : [],
    tone,
    messages: msgs,
    escalated,
  };
  if (customer.plan === 'enterprise' && rng.chance(0.7)) draft.tags.push('vip');
  if (meta.area) draft.productArea = meta.area;
  if (rng.chance(0.5)) draft.statedLanguage = code;
  const truncated = truncateAtExport(draft);
  decideStatus(rng, draft, truncated);
  return draft;
}

// ---------------------------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------------------------

function toRecord(d: Draft): Conversation {
  const first = d.messages[0]!;
  const last = d.messages[d.messages.length - 1]!;
  const customer: ConversationInput['customer'] = { id: d.customer.id };
  if (d.customer.plan) customer.plan = d.customer.plan;
  if (d.customer.country) customer.country = d.customer.country;
  if (d.customer.segment) customer.segment = d.customer.segment;
  const input: ConversationInput = {
    schemaVersion: 1,
    id: conversationId(SOURCE, d.sourceId!),
    source: SOURCE,
    sourceId: d.sourceId!,
    channel: d.channel,
    createdAt: iso(first.t),
    updatedAt: iso(last.t),
    customer,
    tags: [...new Set(d.tags)],
    priority: d.priority,
    status: d.status,
    messages: d.messages.map((m, i) => ({
      id: `m${i + 1}`,
      role: m.role,
      authorId: m.authorId,
      createdAt: iso(m.t),
      text: m.text,
      public: m.public,
    })),
  };
  if (d.closedAt !== undefined) input.closedAt = iso(d.closedAt);
  if (d.assignee) input.assignee = d.assignee;
  input.team = d.team;
  if (d.productArea) input.productArea = d.productArea;
  if (d.csat !== undefined) input.csat = d.csat;
  if (d.statedLanguage) input.language = d.statedLanguage;
  // canonical key order, independent of the order fields were set in
  const order = ['schemaVersion', 'id', 'source', 'sourceId', 'channel', 'createdAt', 'updatedAt', 'closedAt', 'customer', 'assignee', 'team', 'tags', 'productArea', 'priority', 'status', 'csat', 'language', 'messages'];
  const sorted = Object.fromEntries(order.filter((k) => k in input).map((k) => [k, (input as Record<string, unknown>)[k]]));
  const parsed = Conversation.safeParse(sorted);
  if (!parsed.success) throw new Error(`invalid sample conversation ${input.id}: ${describeZodError(parsed.error)}`);
  const leftover = parsed.data.messages.find((m) => /\{[a-z]+\}/.test(m.text));
  if (leftover) throw new Error(`unfilled placeholder in ${input.id}: ${leftover.text}`);
  return parsed.data;
}

/** The same conversation seen by a later export: one more message, newer updatedAt, status moved on. */
function buildUpdates(tpl: EnTemplates, english: Draft[]): Draft[] {
  const rng = new Rng(SEED + 2);
  const recent = english.filter((d) => d.messages[d.messages.length - 1]!.t >= EXPORT_AT - 7 * DAY && d.status !== 'closed' && d.channel !== 'phone');
  const unresolved = rng.shuffle(recent.filter((d) => d.status === 'open' || d.status === 'pending'));
  const solved = rng.shuffle(recent.filter((d) => d.status === 'solved'));
  const chosen = [...unresolved.slice(0, 14), ...solved.slice(0, UPDATES - Math.min(14, unresolved.length))].slice(0, UPDATES);
  if (chosen.length < UPDATES) throw new Error(`only ${chosen.length} conversations qualify for the update file`);

  return chosen.map((orig) => {
    const d: Draft = { ...orig, tags: [...orig.tags], messages: orig.messages.map((m) => ({ ...m })) };
    delete d.closedAt;
    delete d.csat;
    const lastPublic = [...d.messages].reverse().find((m) => m.public && (m.role === 'customer' || m.role === 'agent'))!;
    const after = Math.max(d.messages[d.messages.length - 1]!.t, EXPORT_AT);
    const cap = UPDATE_EXPORT_AT - HOUR;
    const family = d.family ?? 'contact';
    if (lastPublic.role === 'customer') {
      const answered = d.messages.some((m) => m.role === 'agent' && m.public);
      const body = answered
        ? rng.pick(tpl.secondReply.resolve[family] ?? tpl.secondReply.resolve.contact!)
        : rng.pick(tpl.firstReply[d.intent!] ?? tpl.firstReply.contact_customer_service!);
      let t = nextStaffed(after + rng.between(1 * HOUR, 30 * HOUR)) + rng.between(3 * MIN, 100 * MIN);
      if (t > cap) t = cap - rng.int(0, 120) * MIN;
      const greeting = d.channel === 'email' || d.channel === 'web' ? `Hi ${d.customer.name},\n\n` : '';
      const agentName = tpl.agents[d.team].find(([id]) => id === d.assignee)?.[1] ?? 'The support team';
      const sign = d.channel === 'email' || d.channel === 'web' ? `\n\nBest regards,\n${agentName}` : '';
      const text = fill(`${greeting}${answered ? 'Thanks for your patience. ' : 'Sorry for the slow reply. '}${body}${sign}`, { ...d.vars, date: longDate(t + 2 * DAY) });
      push(d.messages, { role: 'agent', authorId: d.assignee ?? 'agent-dan', t, text, public: true });
      if (!d.assignee) d.assignee = 'agent-dan';
      d.status = 'solved';
      d.tone = 'positive';
    } else {
      let t = after + rng.between(2 * HOUR, 50 * HOUR);
      if (t > cap) t = cap - rng.int(0, 120) * MIN;
      const happy = rng.chance(0.65);
      const text = fill(rng.pick(happy ? tpl.closing.positive : ['still not fixed', 'Nothing has changed since your last message.', 'This is the third time I\'m asking. Not acceptable.']), { agent: 'team' });
      push(d.messages, { role: 'customer', authorId: d.customer.id, t, text, public: true });
      d.status = happy ? 'solved' : 'open';
      d.tone = happy ? 'positive' : 'negative';
    }
    if (d.status === 'solved') {
      d.closedAt = d.messages[d.messages.length - 1]!.t;
      if (rng.chance(0.4)) d.csat = d.tone === 'positive' ? rng.int(4, 5) : rng.int(1, 2);
    }
    return d;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

function writeJsonl(path: string, records: Conversation[]): number {
  const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return new Map([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

function main(): void {
  if (!existsSync(BITEXT_PATH)) {
    throw new Error(`Bitext sample not found at ${BITEXT_PATH} (pass --bitext PATH or set VOC_BITEXT_PATH)`);
  }
  const bitext = readFileSync(BITEXT_PATH, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BitextRow);
  const tpl = readJson<EnTemplates>(join(ROOT, 'scripts/sample-data/helpdesk-en-templates.json'));
  const phrases = readJson<Record<string, MlLanguage>>(join(ROOT, 'scripts/sample-data/multilingual-phrases.json'));

  const english = buildEnglish(tpl, bitext);
  const multilingual = buildMultilingual(phrases);

  // ticket numbers follow creation order across the whole help desk
  const all = [...english, ...multilingual].map((d, i) => ({ d, i }));
  all.sort((a, b) => a.d.messages[0]!.t - b.d.messages[0]!.t || a.i - b.i);
  all.forEach(({ d }, n) => (d.sourceId = String(FIRST_TICKET + n)));

  const updates = buildUpdates(tpl, english);

  const byCreated = (a: Conversation, b: Conversation) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  const enRecords = english.map(toRecord).sort(byCreated);
  const mlRecords = multilingual.map(toRecord).sort(byCreated);
  const updateRecords = updates.map(toRecord).sort(byCreated);

  const ids = new Set<string>();
  for (const r of [...enRecords, ...mlRecords]) {
    if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    ids.add(r.id);
  }
  const enById = new Map(enRecords.map((r) => [r.id, r]));
  for (const u of updateRecords) {
    const old = enById.get(u.id);
    if (!old || !(u.updatedAt > old.updatedAt) || u.messages.length !== old.messages.length + 1) throw new Error(`update ${u.id} is not a newer version`);
  }

  mkdirSync(ARCHIVE_DIR, { recursive: true });
  const files = {
    en: join(ARCHIVE_DIR, 'helpdesk-en.jsonl'),
    ml: join(ARCHIVE_DIR, 'multilingual.jsonl'),
    upd: join(ARCHIVE_DIR, 'helpdesk-en-update.jsonl'),
  };
  const sizes = { en: writeJsonl(files.en, enRecords), ml: writeJsonl(files.ml, mlRecords), upd: writeJsonl(files.upd, updateRecords) };

  // Read everything back and validate once more, exactly as a consumer would.
  for (const path of Object.values(files)) {
    readFileSync(path, 'utf8').trimEnd().split('\n').forEach((line, i) => {
      const r = Conversation.safeParse(JSON.parse(line));
      if (!r.success) throw new Error(`${relative(ROOT, path)}:${i + 1}: ${describeZodError(r.error)}`);
    });
  }

  // ----- statistics and README -----
  const base = [...enRecords, ...mlRecords];
  const mlLang = new Map(multilingual.map((d) => [conversationId(SOURCE, d.sourceId!), d.language]));
  const language = (r: Conversation) => (enById.has(r.id) ? 'en' : mlLang.get(r.id)!);
  const langNames: Record<string, string> = { en: 'English' };
  for (const [code, l] of Object.entries(phrases)) if (!code.startsWith('_')) langNames[code] = l.language;

  const perLang = countBy(base, language);
  const statedLang = countBy(base.filter((r) => r.language), language);
  const channels = ['email', 'chat', 'web', 'messaging', 'social', 'phone'];
  const chanEn = countBy(enRecords, (r) => r.channel);
  const chanMl = countBy(mlRecords, (r) => r.channel);
  const months = ['2026-08', '2026-09', '2026-10', '2026-11'];
  const monthEn = countBy(enRecords, (r) => r.createdAt.slice(0, 7));
  const monthMl = countBy(mlRecords, (r) => r.createdAt.slice(0, 7));
  const statuses = countBy(base, (r) => r.status ?? '-');
  const piiCount = base.filter((r) => r.messages.some((m) => /@example\.(com|org|net)|4111 1111|5555 5555 5555 4444|\+1 415 555|\+44 20 7946|\+1 \(212\) 555|[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){3,}/.test(m.text))).length;
  const messages = base.reduce((s, r) => s + r.messages.length, 0);
  const notes = base.reduce((s, r) => s + r.messages.filter((m) => !m.public && m.role === 'agent').length, 0);
  const withCsat = base.filter((r) => r.csat !== undefined).length;
  const closedish = base.filter((r) => r.status === 'solved' || r.status === 'closed').length;

  // rising themes: last 14 days against the 14 days before, per intent
  const lastStart = WINDOW_START + (WINDOW_DAYS - RISING_DAYS) * DAY;
  const prevStart = lastStart - RISING_DAYS * DAY;
  const intentCounts = new Map<string, [number, number]>();
  for (const d of english) {
    const t = d.messages[0]!.t;
    const c = intentCounts.get(d.intent!) ?? [0, 0];
    if (t >= lastStart) c[1]++;
    else if (t >= prevStart) c[0]++;
    intentCounts.set(d.intent!, c);
  }
  const rising = [...intentCounts.entries()].sort(([, a], [, b]) => b[1] - b[0] - (a[1] - a[0])).slice(0, 5);

  const rel = (p: string) => relative(OUT_DIR, p);
  const readme = `# Sample archive

A realistic, **synthetic** customer-support archive for demos, tests and \`voc run --sample\`: ${thousands(base.length)} conversations
from a fictional online shop's help desk, created between 2026-08-31 and 2026-11-20 (12 weeks) and exported on
${iso(EXPORT_AT)}. Every line of every file is one canonical conversation (\`src/core/schema/conversation.ts\`,
schemaVersion 1), validated with \`Conversation.parse\` when the archive is built.

No real customer is in here. Customer ids are random, names are first names only, and the few e-mail addresses,
phone numbers, card and bank numbers are reserved example/test values (\`example.com\`, 555-01xx, Ofcom drama
numbers, the Visa/Mastercard test cards, IBAN registry examples) so that PII redaction has something to find.

## Files

| file | conversations | size | what |
|---|---:|---:|---|
| \`${rel(files.en)}\` | ${enRecords.length} | ${kib(sizes.en)} | English; the first customer message of each is an utterance from the Bitext customer-support sample (see \`ATTRIBUTION.md\`), the rest is generated |
| \`${rel(files.ml)}\` | ${mlRecords.length} | ${kib(sizes.ml)} | Spanish, French, German, Portuguese, Italian, Dutch, Arabic, Persian and Chinese, written by the voc-insights team |
| \`${rel(files.upd)}\` | ${updateRecords.length} | ${kib(sizes.upd)} | the same ids as ${updateRecords.length} conversations of \`helpdesk-en.jsonl\`, each with one more message and a newer \`updatedAt\`: a later, overlapping export (${iso(UPDATE_EXPORT_AT)}). Ingesting both must keep the newer version |

All conversations come from one help desk: \`source\` is \`${SOURCE}\`, \`sourceId\` is the ticket number (in order of creation
across both files), \`id\` is \`${SOURCE}:<ticket>\`.

## What is in it

- ${thousands(messages)} messages (customer, agent, bot and system); ${notes} internal agent notes (\`public: false\`); bot greetings on most chats;
  phone conversations start with a system line and read as a transcript.
- Timestamps follow a help desk: more contacts on weekdays and in the customer's local business hours, first replies
  within minutes on chat and phone and within hours to a day on e-mail and web forms (the desk is staffed Mon–Fri
  07–21 and Sat 09–17 UTC), customers chasing after a day or more without an answer, messages strictly in order,
  \`updatedAt\` = the last message, \`closedAt\` on solved/closed tickets (solved tickets close after 4 days).
- Tone varies: conversations end happily ("sorted, thanks!"), neutrally or angrily ("this is ridiculous, I want to cancel");
  \`csat\` (1–5, consistent with the tone) is on ${withCsat} of the ${closedish} solved/closed conversations.
- \`language\` is stated on only ${[...statedLang.values()].reduce((a, b) => a + b, 0)} conversations; the analysis has to detect the rest.
- ${piiCount} conversations contain fake PII for the redaction demo.
- **Rising themes.** From 2026-11-07 a carrier backlog delays deliveries and a checkout update makes card payments
  fail, so delivery ("where is my order", "when will it arrive") and payment-failure conversations grow strongly over
  the last two weeks and turn more negative; everything else is roughly stable. English intents with the biggest
  change, last 14 days against the 14 days before:

${table(['intent (Bitext label)', 'previous 14 days', 'last 14 days'], rising.map(([k, [a, b]]) => [k, a, b]))}

## Counts

Per language:

${table(['language', 'conversations', 'with \`language\` set'], [...perLang.entries()].map(([k, v]) => [`${langNames[k] ?? k} (\`${k}\`)`, v, statedLang.get(k) ?? 0]))}

Per channel:

${table(['channel', 'English', 'multilingual', 'total'], channels.map((c) => [c, chanEn.get(c) ?? 0, chanMl.get(c) ?? 0, (chanEn.get(c) ?? 0) + (chanMl.get(c) ?? 0)]))}

Per month of creation:

${table(['month', 'English', 'multilingual', 'total'], months.map((m) => [m, monthEn.get(m) ?? 0, monthMl.get(m) ?? 0, (monthEn.get(m) ?? 0) + (monthMl.get(m) ?? 0)]))}

(2026-08 is a single day, 31 August.)

Per status at export: ${[...statuses.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}.

## How it was generated

\`scripts/build-sample-archive.ts\` builds everything from

- \`../shared/datasets/bitext_cs.dev.jsonl\` (the Bitext sample converted to JSONL; override with \`--bitext PATH\`),
- \`scripts/sample-data/helpdesk-en-templates.json\` (English agent replies per Bitext intent, follow-ups, closings, notes),
- \`scripts/sample-data/multilingual-phrases.json\` (the hand-written multilingual phrases).

Each English conversation takes a Bitext utterance as its opening message, unchanged, and adds agent replies written
for that intent, sometimes a second customer message (another utterance of the same intent or a follow-up), an answer,
a closing message and internal notes. The generator uses a seeded PRNG (mulberry32, seed ${SEED}) and no clock, so it
is deterministic: running it twice gives byte-identical files.

Regenerate with:

\`\`\`sh
npm run build:sample          # or: npx tsx scripts/build-sample-archive.ts
\`\`\`

## Licence

\`helpdesk-en.jsonl\` and \`helpdesk-en-update.jsonl\` contain Bitext data and are shared under the Community Data
License Agreement – Sharing 1.0 (\`LICENSE-CDLA-Sharing-1.0.txt\`); they are modified files derived from the Bitext sample.
\`multilingual.jsonl\` is original work of the voc-insights team under the project's Apache-2.0 licence. See
\`ATTRIBUTION.md\`.
`;
  writeFileSync(join(OUT_DIR, 'README.md'), readme);

  // ----- console summary -----
  const line = (label: string, m: Map<string, number>) => `${label.padEnd(10)} ${[...m.entries()].map(([k, v]) => `${k}=${v}`).join('  ')}`;
  console.log(`wrote ${relative(ROOT, files.en)} (${enRecords.length}, ${kib(sizes.en)})`);
  console.log(`wrote ${relative(ROOT, files.ml)} (${mlRecords.length}, ${kib(sizes.ml)})`);
  console.log(`wrote ${relative(ROOT, files.upd)} (${updateRecords.length}, ${kib(sizes.upd)})`);
  console.log(`wrote ${relative(ROOT, join(OUT_DIR, 'README.md'))}`);
  console.log(line('language', perLang));
  console.log(line('channel', countBy(base, (r) => r.channel)));
  console.log(line('month', countBy(base, (r) => r.createdAt.slice(0, 7))));
  console.log(line('status', statuses));
  console.log(`messages=${messages} notes=${notes} csat=${withCsat}/${closedish} pii=${piiCount} total=${kib(sizes.en + sizes.ml + sizes.upd)}`);
  console.log(`rising (prev 14d -> last 14d): ${rising.map(([k, [a, b]]) => `${k} ${a}->${b}`).join(', ')}`);
}

main();
