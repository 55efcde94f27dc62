import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../shared/paths.js';

type Template = (data: unknown) => string;
const templates = new Map<string, Template>();

/** Renders `templates/apex/<name>.hbs`; templates are compiled once. Apex is never built by string concatenation. */
export function renderApex(name: string, data: unknown): string {
  let template = templates.get(name);
  if (!template) {
    // handlebars is loaded on first use, like the other libraries only some commands need.
    const handlebars = (createRequire(import.meta.url)('handlebars') as typeof import('handlebars')).create();
    handlebars.registerHelper('lower', (s: string) => s.toLowerCase());
    template = handlebars.compile(readFileSync(join(PACKAGE_ROOT, 'templates', 'apex', `${name}.hbs`), 'utf8'), { noEscape: true, strict: true });
    templates.set(name, template);
  }
  return template(data);
}
