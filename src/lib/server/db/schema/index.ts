/*
 * What the server may hold is fixed by docs/PROTOCOL.md: ciphertext, public keys, wrapped keys and
 * the metadata listed there. No column here ever holds a report, a message, an attachment, an
 * involved person's name, a password or a case key in the clear.
 */

export * from './organisations';
export * from './people';
export * from './cases';
export * from './files';
export * from './audit';
