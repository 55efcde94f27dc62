import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './paths.js';

type Template = (data: unknown) => string;
const templates = new Map<string, Template>();

/**
 * Renders `templates/<name>.hbs` (Apex classes, reports), compiled once. Output is text as written: no HTML
 * escaping. `strict` templates throw on a missing value instead of printing nothing, which generated code wants.
 */
export function renderTemplate(name: string, data: unknown, options: { strict: boolean }): string {
  let template = templates.get(name);
  if (!template) {
    // handlebars is loaded on first use, like the other libraries only some commands need.
    const handlebars = (createRequire(import.meta.url)('handlebars') as typeof import('handlebars')).create();
    handlebars.registerHelper('lower', (s: string) => s.toLowerCase());
    template = handlebars.compile(readFileSync(join(PACKAGE_ROOT, 'templates', `${name}.hbs`), 'utf8'), { noEscape: true, strict: options.strict });
    templates.set(name, template);
  }
  return template(data);
}
