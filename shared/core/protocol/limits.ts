/**
 * Limits the first screens enforce on their own (the lobby's name field), kept apart from the
 * schemas so those screens load without the validation code; the schemas check them too.
 */
export const MAX_NAME_LENGTH = 64;
