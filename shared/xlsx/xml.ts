/**
 * The small XML parts (relationships, workbook, styles) → plain objects, safely; the
 * parts that grow with the data are scanned instead (scan.ts). OOXML forbids DTDs, so a DOCTYPE or ENTITY
 * declaration is refused outright, and fast-xml-parser's entity processing is off: the
 * five predefined entities and character references are decoded here, in one pass, so
 * nothing can expand. No code generation either, so this runs under a CSP without
 * 'unsafe-eval'.
 *
 * Shapes: namespace prefixes are removed (`x:row` → `row`, `r:id` → `@_id`); an element
 * is a string when it has only text, an object otherwise (attributes under `@_name`, text
 * under `#text`), an array when it repeats. The helpers below read all three alike.
 */
import { XMLParser } from 'fast-xml-parser';
import { XlsxFailure } from './problems.ts';
import { decodeUtf8 } from './text.ts';

export type XmlNode = Readonly<Record<string, unknown>>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Text is data: `xml:space="preserve"` spaces in a cell are the clerk's.
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const DECLARATIONS = /<!(?:DOCTYPE|ENTITY)/i;

/** A part's bytes → its root element's parent object. Throws XlsxFailure when unreadable. */
export function parseXml(bytes: Uint8Array): XmlNode {
  const text = decodeUtf8(bytes);
  if (DECLARATIONS.test(text)) throw new XlsxFailure('xlsx.not-a-workbook');
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    throw new XlsxFailure('xlsx.not-a-workbook');
  }
  return asNode(parsed);
}

function asNode(value: unknown): XmlNode {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as XmlNode;
  }
  if (typeof value === 'string') return { '#text': value };
  return {};
}

/** Every child element called `name`, in document order. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(asNode) : [asNode(value)];
}

/** The first child element called `name`. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? decodeEntities(value) : undefined;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Escapes text for element content and double-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}
