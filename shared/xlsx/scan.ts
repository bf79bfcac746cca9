/**
 * A streaming XML scanner for the two parts that grow with the data (worksheets and the
 * shared-strings table). Building fast-xml-parser's object tree for a 10,000-row sheet
 * costs about a second and several times the file in memory; scanning tags with indexOf
 * and one sticky regex is several times faster and keeps only the table.
 *
 * It is deliberately not a validating parser: it reports start tags (with the raw
 * attribute text), end tags and raw text, skips comments and processing instructions,
 * passes CDATA through, and refuses any other `<!` markup — DOCTYPE and ENTITY
 * declarations included, so nothing can expand. No recursion, so nesting depth is free.
 */
import { XlsxFailure } from './problems.ts';
import { decodeEntities } from './xml.ts';

export interface ScanHandler {
  /** `name` without its namespace prefix; `attributes` as written (see attributeIn). */
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text: entities still encoded unless `cdata` (see decodeText). */
  text(raw: string, cdata: boolean): void;
}

const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;

function malformed(): XlsxFailure {
  return new XlsxFailure('xlsx.not-a-workbook');
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

export function scanXml(xml: string, handler: ScanHandler): void {
  const length = xml.length;
  let at = 0;
  while (at < length) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) {
      handler.text(xml.slice(at), false);
      return;
    }
    if (lt > at) handler.text(xml.slice(at, lt), false);
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt === -1) throw malformed();
      handler.close(localName(xml.slice(lt + 2, gt).trim()));
      at = gt + 1;
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) throw malformed();
      at = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) throw malformed();
        at = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) throw malformed();
        handler.text(xml.slice(lt + 9, end), true);
        at = end + 3;
      } else {
        throw malformed(); // <!DOCTYPE, <!ENTITY: never in OOXML
      }
    } else {
      START_TAG.lastIndex = lt;
      const match = START_TAG.exec(xml);
      if (match === null) throw malformed();
      handler.open(localName(match[1] ?? ''), match[2] ?? '', match[3] === '/');
      at = START_TAG.lastIndex;
    }
  }
}

const attributePatterns = new Map<string, RegExp>();

/** The value of attribute `name` (any namespace prefix) in a start tag's raw attributes. */
export function attributeIn(attributes: string, name: string): string | undefined {
  if (attributes === '') return undefined;
  let pattern = attributePatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(attributes);
  if (match === null) return undefined;
  return decodeEntities(match[1] ?? match[2] ?? '');
}

export function decodeText(raw: string, cdata: boolean): string {
  return cdata ? raw : decodeEntities(raw);
}
