import { createRequire } from 'node:module';

/** The part of a DOM element the specs read. */
export interface XmlElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly children: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
}

interface XmlDocument {
  readonly documentElement: XmlElement;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

interface JsdomModule {
  JSDOM: new () => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
  };
}

// jsdom (a dev dependency, with a strict XML parser behind its DOMParser) ships no types.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;

/** Parses XML strictly: a document that is not well-formed throws. */
export function parseXml(text: string): XmlElement {
  const parser = new new JSDOM().window.DOMParser();
  const document = parser.parseFromString(text, 'application/xml');
  if (document.getElementsByTagName('parsererror').length > 0) {
    throw new Error(`not well-formed XML: ${document.documentElement.textContent ?? ''}`);
  }
  return document.documentElement;
}

/** The element children of an element. */
export function childElements(element: XmlElement, localName?: string): XmlElement[] {
  return Array.from(element.children).filter(
    (child) => localName === undefined || child.localName === localName,
  );
}

/** An element's simple children as `{ name: text }`. */
export function fields(element: XmlElement): Record<string, string> {
  return Object.fromEntries(
    childElements(element).map((child) => [child.localName, child.textContent ?? '']),
  );
}
