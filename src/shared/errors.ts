/** Business errors, kept apart from technical ones; the HTTP layer maps them to 4xx answers. */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} introuvable.`);
  }
}

/** Bad input: one French message per field. */
export class InputError extends Error {
  constructor(
    readonly fields: Record<string, string>,
    message = 'Certains champs sont invalides.',
  ) {
    super(message);
  }
}
