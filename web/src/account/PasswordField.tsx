import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';

export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordFieldProps {
  id: string;
  label: string;
  name: string;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  /** a new password: its rules are shown, and checked as the person types */
  withRules?: boolean;
  hintText?: string;
}

/** A DSFR password field (with « Afficher »), its error tied to it by aria-describedby. */
export function PasswordField({ id, label, name, autoComplete, value, onChange, error, withRules = false, hintText }: PasswordFieldProps) {
  const messages: { severity: 'info' | 'valid' | 'error'; message: string }[] = [];
  if (withRules) {
    messages.push({
      severity: value.length >= MIN_PASSWORD_LENGTH ? 'valid' : 'info',
      message: `${MIN_PASSWORD_LENGTH} caractères au minimum`,
    });
    messages.push({ severity: 'info', message: 'ni votre nom, ni votre adresse, ni un mot trop courant : une phrase de quelques mots convient bien' });
  }
  if (error) messages.push({ severity: 'error', message: error });
  return (
    <PasswordInput
      label={label}
      hintText={hintText}
      messagesHint={withRules ? 'Votre mot de passe doit contenir :' : ''}
      messages={messages}
      nativeInputProps={{
        id,
        name,
        autoComplete,
        value,
        required: true,
        maxLength: 200,
        'aria-invalid': error ? true : undefined,
        onChange: (e) => onChange(e.target.value),
      }}
    />
  );
}
