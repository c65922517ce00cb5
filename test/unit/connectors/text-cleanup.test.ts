import { describe, expect, it } from 'vitest';
import { cleanBody, decodeEntities, htmlToText, looksLikeHtml, stripQuoted } from '../../../src/core/connectors/text-cleanup';

describe('htmlToText', () => {
  it('strips tags, decodes entities and keeps paragraph and line breaks', () => {
    const html = '<div class="zd-comment"><p>Hello&nbsp;Maria,</p><p>refund &amp; credit: 3&ndash;5 days &lt;ok&gt; &#8364;10 &#x1F600;</p><p>Line one<br>Line two</p></div>';
    expect(htmlToText(html)).toBe('Hello Maria,\n\nrefund & credit: 3–5 days <ok> €10 😀\n\nLine one\nLine two');
  });
  it('drops scripts, styles, comments and turns lists into lines', () => {
    expect(htmlToText('<style>p{color:red}</style><script>alert(1)</script><!-- x --><ul><li>one</li><li>two</li></ul>')).toBe('- one\n- two');
  });
  it('cuts Gmail, Outlook and Apple Mail quote blocks', () => {
    expect(htmlToText('<div dir="ltr">Works now.</div><div class="gmail_quote">On Mon, A wrote:<blockquote>old</blockquote></div>')).toBe('Works now.');
    expect(htmlToText('<p>Thanks!</p><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> Support</div><div>old text</div>')).toBe('Thanks!');
    expect(htmlToText('<div>Sure.</div><blockquote type="cite">On 3 Nov, B wrote: old</blockquote>')).toBe('Sure.');
    expect(htmlToText('<p>New</p><blockquote>quoted earlier text</blockquote><p>after</p>')).toBe('New\n\nafter');
  });
  it('keeps a body that is nothing but a quote', () => {
    expect(htmlToText('<div class="gmail_quote">Forwarded text only</div>')).toBe('Forwarded text only');
  });
});

describe('stripQuoted', () => {
  it('removes "On … wrote:" history, > lines and signatures', () => {
    const text = 'Thanks, I see it now.\n\nOn Mon, Oct 5, 2026 at 9:35 AM Example Support <support@example.com> wrote:\n> Hello Maria,\n> refunded.';
    expect(stripQuoted(text)).toBe('Thanks, I see it now.');
    expect(stripQuoted('Yes please.\n\nOn Tue, 3 Nov 2026, Jane Doe <jane@example.com>\nwrote:\n> old')).toBe('Yes please.');
    expect(stripQuoted('See inline\n> old line\nmy answer')).toBe('See inline\nmy answer');
    expect(stripQuoted('Fixed it.\n\n-- \nSam Agent\nExample Support')).toBe('Fixed it.');
    expect(stripQuoted('On my way.\nSent from my iPhone')).toBe('On my way.');
  });
  it('removes Outlook and "Original Message" headers, also in other languages', () => {
    expect(stripQuoted('Done.\n\n-----Original Message-----\nFrom: Support\nSent: Monday')).toBe('Done.');
    expect(stripQuoted('Still broken.\n\n##- Please type your reply above this line -##\n\nYour request 42 was updated.')).toBe('Still broken.');
    expect(stripQuoted('Done.\n________________________________\nFrom: Support <s@x.com>\nSent: Monday, 5 October')).toBe('Done.');
    expect(stripQuoted('Done.\nFrom: Support <s@x.com>\nSent: Monday\nSubject: Re: refund')).toBe('Done.');
    expect(stripQuoted('Merci.\n\nLe lun. 5 oct. 2026 à 09:35, Support <s@x.com> a écrit :\n> ancien')).toBe('Merci.');
    expect(stripQuoted('Danke.\n\nAm Mo., 5. Okt. 2026 um 09:35 Uhr schrieb Support <s@x.com>:\n> alt')).toBe('Danke.');
  });
  it('does not cut ordinary sentences that start like a header', () => {
    expect(stripQuoted('On Monday I ordered a phone.\nIt never arrived.')).toBe('On Monday I ordered a phone.\nIt never arrived.');
    expect(stripQuoted('From: my old address I moved.')).toBe('From: my old address I moved.');
  });
  it('keeps the whole text when it is only a quote', () => {
    expect(stripQuoted('> only quoted')).toBe('> only quoted');
  });
});

describe('cleanBody', () => {
  it('detects HTML, and leaves plain text with < and & alone', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('if a < b & c > d')).toBe(false);
    expect(cleanBody('<p>Hi</p><p>there</p>')).toBe('Hi\n\nthere');
    expect(cleanBody('if a < b & c > d')).toBe('if a < b & c > d');
    expect(cleanBody(null)).toBe('');
    expect(decodeEntities('&bogus; &amp &copy;')).toBe('&bogus; & ©');
  });
});
