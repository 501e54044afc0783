import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/client.ts';
import type { CommuneSuggestion } from '../api/types.ts';

export interface CommuneComboboxProps {
  id: string;
  label: string;
  hint?: string;
  /** what the visitor reads in the field */
  text: string;
  onTextChange: (text: string) => void;
  /** a commune was picked in the list */
  onSelect: (commune: CommuneSuggestion) => void;
  errorMessage?: string;
}

const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;

export function communeDisplayName(commune: { name: string; departement: string }): string {
  return `${commune.name} (${commune.departement})`;
}

/**
 * Commune autocomplete following the ARIA 1.2 combobox pattern (list autocomplete): arrows move in
 * the list, Enter picks, Escape closes; the number of suggestions is announced.
 */
export function CommuneCombobox({ id, label, hint, text, onTextChange, onSelect, errorMessage }: CommuneComboboxProps) {
  const baseId = useId();
  const listboxId = `${baseId}-listbox`;
  const hintId = `${baseId}-hint`;
  const errorId = `${baseId}-error`;
  const statusId = `${baseId}-status`;
  const [suggestions, setSuggestions] = useState<CommuneSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [status, setStatus] = useState('');
  /** the text the visitor typed last (not the one written by a pick) */
  const [query, setQuery] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (query === null) return;
    const q = query.trim();
    if (q.length < MIN_CHARS) {
      setSuggestions([]);
      setOpen(false);
      setStatus('');
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.communes(q, 8, controller.signal).then(
        (found) => {
          setSuggestions(found);
          setActiveIndex(-1);
          setOpen(found.length > 0);
          setStatus(
            found.length === 0
              ? 'Aucune commune ne correspond.'
              : `${found.length} commune${found.length > 1 ? 's proposées' : ' proposée'}. Utilisez les flèches haut et bas pour choisir.`,
          );
        },
        () => {
          if (!controller.signal.aborted) setStatus('La liste des communes est indisponible pour le moment.');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  function pick(commune: CommuneSuggestion) {
    onSelect(commune);
    setQuery(null);
    setOpen(false);
    setActiveIndex(-1);
    setStatus(`${communeDisplayName(commune)} sélectionnée.`);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open && suggestions.length > 0) setOpen(true);
        setActiveIndex((i) => (suggestions.length === 0 ? -1 : (i + 1) % suggestions.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open && suggestions.length > 0) setOpen(true);
        setActiveIndex((i) => (suggestions.length === 0 ? -1 : (i <= 0 ? suggestions.length : i) - 1));
        break;
      case 'Enter': {
        const active = open ? suggestions[activeIndex] : undefined;
        if (active) {
          event.preventDefault();
          pick(active);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setActiveIndex(-1);
        } else if (text !== '') {
          event.preventDefault();
          onTextChange('');
          setQuery('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
      default:
        break;
    }
  }

  const expanded = open && suggestions.length > 0;
  const describedBy = [hint ? hintId : null, errorMessage ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`fr-input-group app-combobox${errorMessage ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span className="fr-hint-text" id={hintId}>
            {hint}
          </span>
        )}
      </label>
      <div className="app-combobox__wrap">
        <input
          ref={inputRef}
          id={id}
          className={`fr-input${errorMessage ? ' fr-input--error' : ''}`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && activeIndex >= 0 ? `${listboxId}-${activeIndex}` : undefined}
          aria-describedby={describedBy}
          value={text}
          onChange={(event) => {
            onTextChange(event.target.value);
            setQuery(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => {
            if (suggestions.length > 0 && query !== null) setOpen(true);
          }}
        />
        <ul id={listboxId} role="listbox" aria-label={`Communes proposées pour « ${query ?? text} »`} className="app-combobox__list" hidden={!expanded}>
          {suggestions.map((commune, index) => (
            <li
              key={commune.code}
              id={`${listboxId}-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={`app-combobox__option${index === activeIndex ? ' app-combobox__option--active' : ''}`}
              // keep the focus in the field while clicking an option
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                pick(commune);
                inputRef.current?.focus();
              }}
            >
              {commune.name} <span className="app-combobox__detail">({commune.departement}{commune.postalCodes[0] ? ` – ${commune.postalCodes[0]}` : ''})</span>
            </li>
          ))}
        </ul>
      </div>
      {errorMessage && (
        <p className="fr-error-text" id={errorId}>
          {errorMessage}
        </p>
      )}
      <p id={statusId} className="fr-sr-only" role="status">
        {status}
      </p>
    </div>
  );
}
