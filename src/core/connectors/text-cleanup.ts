/**
 * Message bodies to plain text, shared by every help-desk connector: HTML → text (tags stripped,
 * entities decoded, paragraph breaks kept) and quoted history / signatures removed, so analysis
 * sees what the author wrote in this message and nothing they merely replied to.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', euro: '€',
  pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', times: '×', divide: '÷', shy: '',
  zwnj: '', zwj: '', lrm: '', rlm: '',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
  eacute: 'é', egrave: 'è', ecirc: 'ê', Eacute: 'É', agrave: 'à', aacute: 'á', acirc: 'â', ccedil: 'ç',
  iacute: 'í', oacute: 'ó', ocirc: 'ô', uacute: 'ú', ugrave: 'ù', ntilde: 'ñ', iexcl: '¡', iquest: '¿',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return match;
      return code === 0xa0 ? ' ' : String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
    // Entities need their ";" unless they are the few browsers accept bare (&amp &lt &gt &nbsp &quot).
    if (named === undefined || (!match.endsWith(';') && !/^(amp|lt|gt|nbsp|quot)$/i.test(body))) return match;
    return named;
  });
}

/**
 * Where quoted history starts in mail HTML: Gmail, Outlook (desktop and web), Apple Mail, Yahoo,
 * Thunderbird and the help desks' own quote wrappers. Everything from the first marker on is cut.
 */
const HTML_QUOTE_MARKERS: RegExp[] = [
  /<div[^>]*class="[^"]*\bgmail_quote\b/i,
  /<div[^>]*class="[^"]*\bgmail_extra\b/i,
  /<blockquote[^>]*type="cite"/i,
  /<div[^>]*id="(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)"/i,
  /<div[^>]*style="[^"]*border-top:\s*solid\s*#(E1E1E1|B5C4DF)[^"]*"/i,
  /<div[^>]*class="[^"]*\b(yahoo_quoted|moz-cite-prefix|OutlookMessageHeader|zd-quoted|freshdesk_quote|quoted-text)\b/i,
  /<hr[^>]*id="(stopSpelling|reply-separator)"/i,
];

/** HTML → plain text: scripts/styles dropped, block ends become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  let s = html;
  let cut = s.length;
  for (const marker of HTML_QUOTE_MARKERS) {
    const m = marker.exec(s);
    if (m && m.index < cut) cut = m.index;
  }
  if (cut > 0 && cut < s.length) s = s.slice(0, cut); // a body that is nothing but a quote keeps it
  s = s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, (q) => (/<blockquote/i.test(q.slice(11)) ? q : '\n'))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|table|blockquote|pre|section|article|header|footer)\s*>/gi, '\n\n')
    .replace(/<(p|div|h[1-6]|ul|ol|table|pre|section|article|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/li\s*>/gi, '')
    .replace(/<\/tr\s*>/gi, '\n')
    .replace(/<\/(td|th)\s*>/gi, '\t')
    .replace(/<[a-z!/?][^>]*>/gi, '');
  s = decodeEntities(s);
  return tidy(s);
}

/** Collapses runs of spaces, trims each line, keeps at most one blank line between paragraphs. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0\u200b]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A line that starts quoted history: everything from it on is the previous message. */
const QUOTE_HEADER_LINES: RegExp[] = [
  /^-{2,}\s*(original message|forwarded message|urspr[üu]ngliche nachricht|message d'origine|mensaje original)\s*-{2,}/i,
  /^#*-*\s*(please )?(type|write) your reply above this line\s*-*#*\s*$/i, // help-desk reply delimiters (Zendesk "##- … -##")
  /^_{10,}\s*$/, // Outlook's rule above "From: … Sent: …"
  /^(from|von|de|van):\s.+\n(sent|date|gesendet|envoy[ée]|enviado|datum|verzonden):\s/i,
  /^on\s.{0,200}\bwrote:\s*$/i,
  /^am\s.{0,200}\bschrieb\b.{0,100}:\s*$/i,
  /^le\s.{0,200}\ba [ée]crit\s*:\s*$/i,
  /^el\s.{0,200}\bescribi[óo]\s*:\s*$/i,
  /^op\s.{0,200}\bschreef\b.{0,100}:\s*$/i,
  /^il giorno\s.{0,200}\bha scritto\s*:\s*$/i,
  /^em\s.{0,200}\bescreveu\s*:\s*$/i,
];

/** Sign-offs added by mail clients and the conventional "-- " signature separator. */
const SIGNATURE_LINES: RegExp[] = [/^--\s*$/, /^sent from my (iphone|ipad|android|samsung|mobile|galaxy|blackberry)/i, /^get outlook for (ios|android)/i, /^von meinem (iphone|ipad) gesendet/i, /^envoy[ée] de mon (iphone|ipad)/i];

/**
 * Drops quoted history and signatures from plain text: lines starting with ">", everything after
 * an "On … wrote:" / "-----Original Message-----" / Outlook "From: … Sent:" header, and a
 * signature after "-- ". If nothing of the author's own text would remain, the text is kept whole
 * (a message that is only a forward still says something).
 */
export function stripQuoted(text: string): string {
  const lines = tidy(text).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // "On Tue, 3 Nov 2026, Jane Doe <jane@x.com>" + "wrote:" wrapped onto the next line.
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]}` : line;
    const header = `${line}\n${lines[i + 1] ?? ''}`;
    if (QUOTE_HEADER_LINES.some((re) => re.test(header) || re.test(line)) || (/^(on|am|le|el)\s/i.test(line) && /^on\s.{0,200}\bwrote:\s*$/i.test(joined))) break;
    if (SIGNATURE_LINES.some((re) => re.test(line))) break;
    if (line.startsWith('>')) continue;
    kept.push(line);
  }
  const out = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return out || tidy(text);
}

/** A help desk's message body to the text we analyse: HTML (when it is) to text, then quotes and signatures off. */
export function cleanBody(body: unknown, options: { html?: boolean } = {}): string {
  if (typeof body !== 'string' || !body) return '';
  const html = options.html ?? looksLikeHtml(body);
  return stripQuoted(html ? htmlToText(body) : body);
}

export function looksLikeHtml(text: string): boolean {
  return /<(p|div|br|span|a|b|i|strong|em|ul|ol|li|table|blockquote|img|h[1-6]|html|body|font)\b[^>]*\/?>/i.test(text) || /&(nbsp|amp|lt|gt|quot|#\d+);/i.test(text);
}
