/** Reads a taxonomy file a product manager wrote (YAML or JSON: YAML is a superset), naming the file and the field on error. */
import { parse as parseYaml } from 'yaml';
import { validateTaxonomy, type Taxonomy } from './taxonomy';

export function parseTaxonomy(text: string, origin: string): Taxonomy {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new Error(`${origin}: not valid YAML/JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return validateTaxonomy(data, origin);
}
