import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';

/** Schema validation with libxml2 (xmllint-wasm) against the vendored grammars. */

const schemaPath = (name: string) => fileURLToPath(new URL(`../../fixtures/schemas/${name}`, import.meta.url));
const ATOM_RNG = readFileSync(schemaPath('atom.rng'), 'utf8');
const CAP_XSD = readFileSync(schemaPath('CAP-v1.2.xsd'), 'utf8');

async function errorsOf(xml: string, schema: string, extension: 'relaxng' | 'schema'): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], schema: [schema], extension });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Errors of an Atom document against RFC 4287's RELAX NG grammar; empty when valid. */
export function atomErrors(xml: string): Promise<string[]> {
  return errorsOf(xml, ATOM_RNG, 'relaxng');
}

/** Errors of a CAP document against the OASIS CAP 1.2 XSD; empty when valid. */
export function capErrors(xml: string): Promise<string[]> {
  return errorsOf(xml, CAP_XSD, 'schema');
}

/** Well-formedness errors of an XML document (for RSS, which has no official schema); empty when well-formed. */
export async function wellFormednessErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'doc.xml', contents: xml }], normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Parses XML into a DOM (xmlbuilder2's parser; it is lenient, so check well-formedness separately). */
export function parseXml(xml: string): Document {
  return create(xml).node as unknown as Document;
}

/** The direct children of an element with a namespace and local name. */
export function childElements(parent: Element | Document, ns: string | null, localName: string): Element[] {
  const all = Array.from(parent.getElementsByTagNameNS(ns, localName) as ArrayLike<Element>);
  return all.filter((el) => el.parentNode === parent);
}

/** The text of the one direct child with this name, or undefined. */
export function childText(parent: Element, ns: string | null, localName: string): string | undefined {
  return childElements(parent, ns, localName)[0]?.textContent ?? undefined;
}

/**
 * Evaluates an XPath 1.0 string expression with libxml2, for reading text
 * back exactly as a conforming parser decodes it.
 */
export async function xpathString(xml: string, expression: string): Promise<string> {
  const result = await validateXML({
    xml: [{ fileName: 'doc.xml', contents: xml }],
    normalization: 'format',
    modifyArguments: (args) => [...args.filter((a) => a !== '--format'), '--xpath', expression],
  });
  if (!result.valid) throw new Error(result.rawOutput);
  return result.normalized.replace(/\n$/, '');
}
