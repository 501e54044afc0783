import { Input } from '@codegouvfr/react-dsfr/Input';
import { messageState } from '../components/fieldState.ts';

export interface EmailFieldProps {
  /** the input's id, the error summary's link target */
  id: string;
  name: string;
  label?: string;
  /** said after the expected format */
  hint?: string;
  /** `email` for the person's own address, `off` for somebody else's */
  autoComplete: 'email' | 'off';
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/** An e-mail address field: the expected format in its hint (RGAA 11.10), required, its error below it. */
export function EmailField({ id, name, label = 'Adresse e-mail', hint, autoComplete, value, onChange, error }: EmailFieldProps) {
  return (
    <Input
      label={label}
      hintText={hint ? `Format attendu : nom@domaine.fr. ${hint}` : 'Format attendu : nom@domaine.fr'}
      nativeInputProps={{ id, name, type: 'email', autoComplete, required: true, value, onChange: (e) => onChange(e.target.value) }}
      {...messageState(error)}
    />
  );
}
