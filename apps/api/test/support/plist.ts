import { childElements, parseXml, type XmlElement } from './xml.js';

export type PlistValue = string | number | boolean | Date | Buffer | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

function value(element: XmlElement): PlistValue {
  const text = element.textContent ?? '';
  switch (element.localName) {
    case 'string':
      return text;
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw new Error(`not an integer: ${text}`);
      return Number(text);
    case 'real':
      if (!Number.isFinite(Number(text)) || text.trim() === '')
        throw new Error(`not a real: ${text}`);
      return Number(text);
    case 'true':
    case 'false':
      if (childElements(element).length > 0 || text !== '') throw new Error('a boolean is empty');
      return element.localName === 'true';
    case 'date':
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text)) throw new Error(`not a date: ${text}`);
      return new Date(text);
    case 'data':
      return Buffer.from(text.replaceAll(/\s/g, ''), 'base64');
    case 'array':
      return childElements(element).map(value);
    case 'dict': {
      const children = childElements(element);
      const dict: PlistDict = {};
      for (let i = 0; i < children.length; i += 2) {
        const key = children[i]!;
        const item = children[i + 1];
        if (key.localName !== 'key' || item === undefined)
          throw new Error('a dict alternates <key> and a value');
        const name = key.textContent ?? '';
        if (name in dict) throw new Error(`duplicate key ${name}`);
        dict[name] = value(item);
      }
      return dict;
    }
    default:
      throw new Error(`<${element.localName}> is not a property list element`);
  }
}

/**
 * Apple's XML property list format (PropertyList-1.0.dtd), parsed strictly on jsdom's
 * DOMParser: one root value inside `<plist version="1.0">`, dicts as key/value pairs.
 */
export function parsePlist(text: string): PlistValue {
  const root = parseXml(text);
  if (root.localName !== 'plist' || root.getAttribute('version') !== '1.0')
    throw new Error('not a <plist version="1.0">');
  const [only, ...rest] = childElements(root);
  if (only === undefined || rest.length > 0) throw new Error('a plist holds exactly one value');
  return value(only);
}
