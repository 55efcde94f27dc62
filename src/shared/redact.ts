/**
 * Salesforce access tokens and session ids (`<org id>!<token>`, URL-encoded too, as in a frontdoor `sid`), bearer headers
 * and SOAP session headers.
 */
const SECRETS: ReadonlyArray<[RegExp, string]> = [
  [/\b00D[A-Za-z0-9]{12,15}(?:!|%21)[A-Za-z0-9._%-]+/gi, '<redacted>'],
  [/(Bearer\s+)[A-Za-z0-9!._-]+/gi, '$1<redacted>'],
  [/(<sessionId>)[^<]*(<\/sessionId>)/gi, '$1<redacted>$2'],
];

/** Text fit for output, logs and `--json`: any token it carries is replaced. */
export const redact = (text: string): string => SECRETS.reduce((t, [pattern, by]) => t.replace(pattern, by), text);
