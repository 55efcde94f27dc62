import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('sf-hipaa', 'profile');

export type Tokens = Array<string | number>;

/** A problem as message keys in messages/profile.md: `key` says what is wrong, `${key}.legal` what would be legal. */
export type Problem = { readonly key: string; readonly tokens?: Tokens; readonly legal?: Tokens };

export const say = (key: string, tokens: Tokens = []): string => messages.getMessage(key, tokens);
