import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, renderMail, SIGNATURE } from './layout.ts';

const URL_OK = 'https://fabriques.example.org/confirmation-adresse?jeton=abc&source=mail';

describe('renderMail', () => {
  it('writes a French plain-text mail with the link on its own line and the signature', () => {
    const { text } = renderMail({
      greeting: 'Bonjour Léa,',
      paragraphs: ['Votre compte a bien été créé.', 'Ce lien est valable 48 heures.'],
      action: { label: 'Confirmer mon adresse e-mail', url: URL_OK },
      closing: 'Si vous n’avez pas créé de compte, ignorez ce message.',
    });
    expect(text).toBe(
      [
        'Bonjour Léa,',
        'Votre compte a bien été créé.',
        'Ce lien est valable 48 heures.',
        `Confirmer mon adresse e-mail :\n${URL_OK}`,
        'Si vous n’avez pas créé de compte, ignorez ce message.',
        'L’équipe Fabriques – Grande École du Numérique',
      ].join('\n\n'),
    );
    expect(text.split('\n')).toContain(URL_OK);
  });

  it('writes a simple accessible HTML twin: lang="fr", a title, paragraphs, the action as a link', () => {
    const { html } = renderMail({ paragraphs: ['Premier paragraphe.', 'Ligne 1\nLigne 2'], action: { label: 'Choisir un mot de passe', url: URL_OK } });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).toContain('>Bonjour,</p>');
    expect(html).toContain('>Premier paragraphe.</p>');
    expect(html).toContain('>Ligne 1<br>\nLigne 2</p>');
    const escapedUrl = URL_OK.replace('&', '&amp;');
    expect(html).toMatch(new RegExp(`<a href="${escapedUrl.replace(/[?.]/g, '\\$&')}"[^>]*>Choisir un mot de passe</a>`));
    // the URL written out too, for mail readers that hide links
    expect(html).toContain(`>${escapedUrl}</a>`);
    expect(html).toContain(`${escapeHtml(SIGNATURE)}</p>`);
    expect(html).not.toMatch(/<script|<img|<table/i);
  });

  it('leaves out the action and the closing when there are none', () => {
    const { text, html } = renderMail({ paragraphs: ['Votre mot de passe a été modifié.'] });
    expect(text).toBe(['Bonjour,', 'Votre mot de passe a été modifié.', SIGNATURE].join('\n\n'));
    expect(html).not.toContain('<a ');
  });

  it('escapes every piece of text in the HTML (and leaves the plain text as typed)', () => {
    const evil = '<script>alert("x")</script> & \'Tom\' <b>gras</b>';
    const { text, html } = renderMail({
      greeting: `Bonjour ${evil},`,
      paragraphs: [evil],
      action: { label: evil, url: 'https://exemple.fr/?a=1&b="2"&c=<x>' },
      closing: evil,
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Tom&#39; &lt;b&gt;gras&lt;/b&gt;');
    // the URL is normalised (quotes and angle brackets percent-encoded) and escaped in the attribute
    expect(html).toContain('href="https://exemple.fr/?a=1&amp;b=%222%22&amp;c=%3Cx%3E"');
    expect(text).toContain(`Bonjour ${evil},`);
  });

  it('refuses a link that is not an absolute http(s) URL', () => {
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', '/relative', 'mailto:a@b.fr', '']) {
      expect(() => renderMail({ paragraphs: ['x'], action: { label: 'Lien', url } }), url).toThrow(/renderMail/);
    }
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('never lets a tag, quote or raw ampersand through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', 'a', ';', '#', ' ', 'é') }), (s) => {
        const e = escapeHtml(s);
        const back = e.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
        return !/[<>"']/.test(e) && !/&(?!amp;|lt;|gt;|quot;|#39;)/.test(e) && back === s;
      }),
      { numRuns: 500 },
    );
  });
});
