import { InputError } from '../../../shared/errors.ts';

/** An InputError on one field whose message is that field's French message. */
export function invalid(field: string, message: string): InputError {
  return new InputError({ [field]: message }, message);
}
