import { describe, expect, it } from 'vitest';
import { cleanXmlChars, el, fitText, truncate, xmlAttr, xmlText } from './xml.ts';

describe('xml text helpers', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(xmlText(`Tom & Jerry <b> "quoted" 'single' ]]>`)).toBe(`Tom &amp; Jerry &lt;b&gt; "quoted" 'single' ]]&gt;`);
    expect(xmlAttr(`a&b<c>"d"`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;');
  });

  it('keeps tabs and line breaks of attribute values through character references', () => {
    expect(xmlAttr('a\tb\nc')).toBe('a&#9;b&#10;c');
  });

  it('strips characters XML 1.0 forbids and keeps emoji and accents', () => {
    const nasty = `a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\u0085i\uFFFEj\uFFFFk\uD800l\uDC00m😀é`;
    expect(cleanXmlChars(nasty)).toBe('abcdefghijklm😀é');
  });

  it('unifies CRLF and CR into LF', () => {
    expect(cleanXmlChars('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
  });

  it('truncates by code points on a grapheme boundary and marks the cut', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    // 5 emoji = 10 UTF-16 units but 5 characters for XML Schema: no cut needed
    expect(truncate('😀😀😀😀😀', 5)).toBe('😀😀😀😀😀');
    // a family emoji is 7 code points; it is kept whole or dropped, never split
    const family = '👨‍👩‍👧‍👦';
    const cut = truncate(`ab${family}cd`, 8);
    expect([...cut].length).toBeLessThanOrEqual(8);
    expect(cut).toBe('ab…');
  });

  it('fits free text: trimmed, null when nothing printable is left', () => {
    expect(fitText('  \u0001  ', 10)).toBeNull();
    expect(fitText(null, 10)).toBeNull();
    expect(fitText('  bonjour  ', 10)).toBe('bonjour');
  });

  it('builds elements', () => {
    expect(el('ville', 'Saint-Denis & co')).toBe('<ville>Saint-Denis &amp; co</ville>');
  });
});
