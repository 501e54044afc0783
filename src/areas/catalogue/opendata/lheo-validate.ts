/**
 * Validates an LHEO document against reference/lheo-2.3.xsd with libxml2 (xmllint compiled to
 * WebAssembly, run in a worker thread). For tests: xmllint-wasm is a development dependency.
 */
import { readFile } from 'node:fs/promises';
import { validateXML, memoryPages } from 'xmllint-wasm';

const SCHEMA_URL = new URL('../../../../reference/lheo-2.3.xsd', import.meta.url);

let schema: Promise<string> | undefined;

export interface LheoValidation {
  valid: boolean;
  /** xmllint messages, with the line number when known ("ligne 12 : …") */
  errors: string[];
}

export async function validateLheo(xml: string): Promise<LheoValidation> {
  schema ??= readFile(SCHEMA_URL, 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'lheo.xml', contents: xml }],
    schema: [{ fileName: 'lheo-2.3.xsd', contents: await schema }],
    // The national offer is tens of MB of XML: let the wasm memory grow well past the 32 MiB default.
    initialMemoryPages: memoryPages.defaultInitialMemoryPages,
    maxMemoryPages: 2 * memoryPages.GiB,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => (e.loc ? `ligne ${e.loc.lineNumber} : ${e.message}` : e.rawMessage)),
  };
}
