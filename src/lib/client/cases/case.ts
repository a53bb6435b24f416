/**
 * A holder's browser side of a case, by concept: the inbox (inbox.ts), opening and checking a
 * case (open.ts), what a holder does to it (actions.ts) and the events they sign (events.ts).
 * Nothing here sends plaintext anywhere.
 */
export * from './inbox';
export * from './open';
export * from './actions';
export * from './events';
