/** Props of a react-dsfr field (Input, Select, fieldset) for its error: the state and the message below it. */
export function messageState(message: string | undefined | null): { state?: 'error'; stateRelatedMessage?: string } {
  return message ? { state: 'error', stateRelatedMessage: message } : {};
}

/** messageState of the field `name` among a form's errors. */
export function errorState(errors: Record<string, string>, name: string): { state?: 'error'; stateRelatedMessage?: string } {
  return messageState(errors[name]);
}
