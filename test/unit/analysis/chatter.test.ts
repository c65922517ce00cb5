/**
 * Chatter is learned from the conversations, not from a list: the greetings, nudges, thanks and sign-offs
 * below were written for this test (none of them is in the dev sets), in English and Spanish, and wrap
 * requests about eight problems. Themes must follow the problems; no label or keyphrase may carry chatter.
 */
import { describe, expect, it } from 'vitest';
import { clauses, contactReason, learnChatter, stripChatter } from '../../../src/core/analysis/chatter';
import { discoverThemes, type ThemeDoc } from '../../../src/core/analysis/index';

const PROBLEMS: Record<string, string[]> = {
  parcel: ['my parcel never showed up', 'the courier says delivered but no parcel here', 'parcel stuck in transit for a week', 'where is my parcel, the tracking page is blank'],
  voucher: ['the voucher code is rejected at checkout', 'my gift voucher does not apply', 'voucher expired before I could use it', 'checkout ignores my voucher'],
  login: ['cannot log in since the update', 'login page keeps spinning', 'two factor code never arrives so I cannot log in', 'locked out of my login'],
  invoice: ['I need an invoice with my company name', 'the invoice shows the wrong VAT number', 'please resend the invoice for March', 'invoice total does not match my order'],
  size: ['the jacket is too small, can I swap the size', 'exchange these boots for a bigger size', 'size chart was wrong, need a smaller size', 'swap my order for another size'],
  subscription: ['stop my subscription renewing', 'I was billed for a subscription I cancelled', 'pause the monthly subscription please', 'subscription renewed without warning'],
};
const PROBLEMS_ES: Record<string, string[]> = {
  paquete: ['mi paquete nunca llegó', 'el repartidor dice entregado pero no hay paquete', 'paquete parado en tránsito desde hace una semana'],
  cupon: ['el cupón no funciona al pagar', 'mi cupón de regalo no se aplica', 'el cupón caducó antes de usarlo'],
};
const GREETINGS = ['Howdy folks,', 'Greetings team!', 'Yo support,', 'Evening all.'];
const NUDGES = ['Hello?? Anybody there?', 'Bumping this again.', 'Seriously, days without an answer.', 'Still waiting on you lot.'];
const THANKS = ['Cheers mate, sorted!', 'Brilliant, much obliged.', 'Lovely, ta very much.', 'All good now, have a great weekend!'];
const SIGN_OFFS = ['Kind regards, a loyal shopper', 'Best wishes from me'];
const GREETINGS_ES = ['Buenas tardes equipo,', 'Qué tal,'];
const AFTER_ES = ['Muchísimas gracias, todo resuelto.', '¿Alguien me responde?', 'Un saludo cordial.'];

/** The words chatter is made of: none of them may reach a label or a keyphrase. */
const CHATTER_WORDS = new Set(
  [...GREETINGS, ...NUDGES, ...THANKS, ...SIGN_OFFS, ...GREETINGS_ES, ...AFTER_ES]
    .flatMap((p) => p.toLowerCase().split(/[^\p{L}]+/u))
    .filter((w) => w.length > 3 && !['from', 'again', 'days', 'without', 'answer', 'waiting'].includes(w)),
);

function conversations(): Array<ThemeDoc & { problem: string }> {
  const docs: Array<ThemeDoc & { problem: string }> = [];
  let n = 0;
  let seed = 7;
  const pick = <T>(xs: T[]): T => xs[((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % xs.length]!;
  const add = (problem: string, requests: string[], greetings: string[], after: string[][], lang: string, count: number) => {
    for (let i = 0; i < count; i++) {
      const request = pick(requests);
      const opening = pick([0, 1, 2, 3]) === 3 ? request : `${pick(greetings)} ${request}`;
      const later = after.map((pool) => pick(pool)).slice(0, 1 + pick([0, 1, 2]));
      // Now and then the customer says it again in other words, as real threads do.
      if (pick([0, 1, 2, 3, 4]) === 0) later.unshift(pick(requests));
      docs.push({ id: `${problem}-${i}`, lang, customer: `customer-${n++}`, problem, messages: [opening, ...later] });
    }
  };
  for (const [p, requests] of Object.entries(PROBLEMS)) add(p, requests, GREETINGS, [NUDGES, THANKS, SIGN_OFFS], 'en', 60);
  for (const [p, requests] of Object.entries(PROBLEMS_ES)) add(p, requests, GREETINGS_ES, [AFTER_ES], 'es', 30);
  return docs;
}

describe('chatter learned from the conversations', () => {
  const docs = conversations();

  it('splits messages into clauses, keeping their punctuation', () => {
    expect(clauses('Howdy folks, my parcel never showed up! Cheers.')).toEqual(['Howdy folks,', ' my parcel never showed up!', ' Cheers.']);
    expect(stripChatter('Howdy folks, my parcel never showed up!', new Set(['howdy folks']))).toBe('my parcel never showed up!');
  });

  it('finds the greetings, nudges, thanks and sign-offs of each language, and no request', () => {
    const en = new Set(learnChatter(docs.filter((d) => d.lang === 'en'), 'en'));
    for (const phrase of ['howdy folks', 'greetings team', 'bumping this again', 'cheers mate', 'kind regards']) expect(en.has(phrase), phrase).toBe(true);
    for (const requests of Object.values(PROBLEMS)) for (const r of requests) expect(en.has(r.toLowerCase().replace(/[^\p{L}\s]/gu, '').replace(/\s+/g, ' ').trim()), r).toBe(false);
    const es = new Set(learnChatter(docs.filter((d) => d.lang === 'es'), 'es'));
    expect(es.has('buenas tardes equipo')).toBe(true);
    expect(es.has('muchísimas gracias')).toBe(true);
  });

  it('reads the opening as the contact reason, moving past an opening that is only chatter', () => {
    const chatter = new Set(['hello', 'anybody there', 'howdy folks']);
    expect(contactReason(['Howdy folks,', 'Hello?? Anybody there?', 'my parcel never showed up'], chatter)).toEqual({ opening: 'my parcel never showed up', followUps: [] });
  });

  const { catalogue, assignments } = discoverThemes(docs, { generatedAt: '2026-01-01T00:00:00Z' });

  it('gives each problem its own themes, in one area, whatever is said around it', () => {
    const areaOf = new Map(catalogue.themes.map((t) => [t.id, t.area?.id]));
    for (const problem of [...Object.keys(PROBLEMS), ...Object.keys(PROBLEMS_ES)]) {
      const mine = docs.filter((d) => d.problem === problem);
      // Every theme is about one problem: greetings and thanks never pull two problems together.
      for (const id of new Set(mine.map((d) => assignments.get(d.id)!))) {
        expect(id, problem).not.toBe('other');
        const theirs = docs.filter((d) => assignments.get(d.id) === id);
        expect(theirs.filter((d) => d.problem === problem).length / theirs.length, problem).toBeGreaterThanOrEqual(0.9);
      }
      // The problem's themes (one per way of putting it) mostly roll up into one area ("login page" and "log in" are
      // different words to a small window).
      const areas = new Map<string, number>();
      for (const d of mine) areas.set(areaOf.get(assignments.get(d.id)!)!, (areas.get(areaOf.get(assignments.get(d.id)!)!) ?? 0) + 1);
      expect(Math.max(...areas.values()) / mine.length, problem).toBeGreaterThanOrEqual(0.7);
    }
  });

  it('never puts a greeting, thanks, nudge or sign-off in a label, keyphrase, area or quote', () => {
    const quoted = new Map(docs.map((d) => [d.id, d]));
    for (const t of catalogue.themes) {
      const words = [t.label, ...t.keyphrases, t.area?.label ?? ''].join(' ').toLowerCase().split(/[^\p{L}]+/u);
      for (const w of words) expect(CHATTER_WORDS.has(w), `${t.label}: ${w}`).toBe(false);
      // Labels are one phrase, not keyphrases glued together.
      expect(t.label).not.toContain('·');
      for (const id of t.exampleDocIds) expect(quoted.has(id)).toBe(true);
    }
  });
});

describe('k-anonymity for the words of quotes', () => {
  it('masks what fewer than three customers wrote, and drops a quote that would be mostly masks', async () => {
    const { sharedWords, shareableQuote } = await import('../../../src/core/analysis/shared-words');
    const said = [
      { id: '1', customer: 'a', messages: ['my password is Hunter2Secret and my order never came'] },
      { id: '2', customer: 'b', messages: ['my order never came, Johnathan said it shipped'] },
      { id: '3', customer: 'c', messages: ['my order never came to 221B Baker Street [EMAIL]'] },
      { id: '4', customer: 'c', messages: ['Johnathan Johnathan Johnathan'] },
    ];
    const shared = new Set(sharedWords(said, 'en'));
    expect(shareableQuote(said[0]!.messages[0]!, 'en', shared)).toBe('my … my order never came');
    expect(shareableQuote(said[1]!.messages[0]!, 'en', shared)).toBe('my order never came, …');
    expect(shareableQuote(said[2]!.messages[0]!, 'en', shared)).toBe('my order never came … [EMAIL]');
    // One customer saying a name three times is still one customer.
    expect(shared.has('johnathan')).toBe(false);
    expect(shareableQuote('my password reset is broken', 'en', shared)).toBeUndefined();
  });
});
