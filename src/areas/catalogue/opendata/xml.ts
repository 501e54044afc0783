/**
 * Small, allocation-light helpers to write XML 1.0 text by hand (no DOM: the national offer is large).
 *
 * Every value that reaches the document goes through `xmlText` / `xmlAttr`, which first drop the
 * characters XML 1.0 forbids (C0 controls other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF)
 * and the C1 controls it discourages (U+007F–U+009F), then escape the markup characters.
 */

// Everything outside the XML 1.0 `Char` production, plus the discouraged C1 controls.
// With the `u` flag a lone surrogate is one code point, outside every allowed range, so it is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Same set plus CR: a string without any of these needs no cleaning (the usual case, tested once).
const NEEDS_CLEANING = /[^\t\n\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const TEXT_SPECIALS = /[&<>]/g;
const ATTR_SPECIALS = /[&<>"\t\n\r]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const escapeOne = (c: string): string => ESCAPES[c]!;

/** Removes what XML 1.0 cannot carry and unifies line ends (a parser would turn CR and CRLF into LF anyway). */
export function cleanXmlChars(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  return value.replace(NOT_XML_CHAR, '').replace(/\r\n?/g, '\n');
}

/** Escaped character data for an element's content. */
export function xmlText(value: string): string {
  return cleanXmlChars(value).replace(TEXT_SPECIALS, escapeOne);
}

/** Escaped value for a double-quoted attribute (whitespace kept through character references). */
export function xmlAttr(value: string): string {
  return cleanXmlChars(value).replace(ATTR_SPECIALS, escapeOne);
}

const segmenter = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/**
 * Cuts `value` to at most `max` characters as XML Schema counts them (Unicode code points, not UTF-16
 * units), on a grapheme boundary so that an emoji sequence or an accent is never split; a cut text
 * ends with "…".
 */
export function truncate(value: string, max: number): string {
  // Fast path: UTF-16 length is an upper bound of the code point count.
  if (value.length <= max) return value;
  let count = 0;
  for (const _ of value) if (++count > max) break;
  if (count <= max) return value;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(value)) {
    const size = [...segment].length;
    if (used + size > max - 1) break;
    out += segment;
    used += size;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Cleans, trims and fits a free text into an xs:string restricted to [1, max] characters.
 * Returns `null` when nothing printable is left, so that callers can fall back or omit the element.
 */
export function fitText(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  const cleaned = cleanXmlChars(value).trim();
  return cleaned === '' ? null : truncate(cleaned, max);
}

/** `<name>escaped text</name>` */
export function el(name: string, text: string): string {
  return `<${name}>${xmlText(text)}</${name}>`;
}

/** `<name>escaped text</name>`, or nothing when the text is empty once cleaned. */
export function optEl(name: string, text: string | null | undefined, max = Number.MAX_SAFE_INTEGER): string {
  const fitted = fitText(text, max);
  return fitted === null ? '' : el(name, fitted);
}
