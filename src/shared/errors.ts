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

/** No valid session on a route that needs one (401). */
export class UnauthenticatedError extends Error {
  constructor(message = 'Vous devez vous connecter pour accéder à cette ressource.') {
    super(message);
  }
}

/** Signed in, but this role may not do this (403). Objects of another organisation are a NotFoundError. */
export class ForbiddenError extends Error {
  constructor(
    message = 'Votre rôle ne permet pas cette action.',
    /** 'role_non_autorise' when the authorisation layer refuses the route itself */
    readonly code = 'interdit',
  ) {
    super(message);
  }
}

/** The request is valid but the object's state forbids it (409), e.g. a transition not in the table. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly code = 'conflit',
  ) {
    super(message);
  }
}

/** Too many attempts (429); retryAfterSeconds goes to the Retry-After header. */
export class TooManyAttemptsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
