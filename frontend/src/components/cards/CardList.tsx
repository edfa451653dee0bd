import type {Card} from '../../lib/cardcode';

/** CardListProps are the props of CardList. */
export interface CardListProps {
  cards: readonly Card[];
  selectedKey?: string;
  onSelect: (cardKey: string) => void;
  /** onToggle asks to switch a card's programmable feature (the view confirms first). */
  onToggle: (card: Card) => void;
  /** When set, the switches are disabled and say why (Investec cannot be reached). */
  toggleDisabledReason?: string;
}

/**
 * CardList shows the person's cards (masked number, name, status, account,
 * programmable or not). Choosing one opens its code below; the switch next
 * to each card turns its programmable feature on or off.
 */
export function CardList({cards, selectedKey, onSelect, onToggle, toggleDisabledReason}: CardListProps) {
  return (
    <ul className="grid grid--fill cc-cards" data-testid="card-list">
      {cards.map((c) => {
        const selected = c.key === selectedKey;
        return (
          <li key={c.key} className={`box cc-card${selected ? ' cc-card--selected' : ''}`} data-testid={`card-${c.key}`}>
            <button
              type="button"
              className="cc-card__select"
              aria-pressed={selected}
              onClick={() => {
                onSelect(c.key);
              }}
              data-testid="card-select"
            >
              <span className="cc-card__number" data-testid="card-number">
                {c.number}
              </span>
              <span className="cc-card__name">{c.embossedName || 'Card'}</span>
              <span className="hint">
                {c.virtual ? 'Virtual · ' : ''}
                {c.status}
                {c.accountNumber ? ` · Account ${c.accountNumber}` : ''}
                {c.accountName ? ` (${c.accountName})` : ''}
              </span>
            </button>
            <div className="cc-card__programmable">
              <span className={`badge ${c.programmable ? 'badge--accent' : 'badge--muted'}`} data-testid="card-programmable">
                {c.programmable ? 'Programmable on' : 'Programmable off'}
              </span>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  onToggle(c);
                }}
                disabled={toggleDisabledReason !== undefined}
                title={toggleDisabledReason}
                data-testid="card-toggle"
              >
                {c.programmable ? 'Turn off' : 'Turn on'}
                <span className="visually-hidden"> the programmable feature of card {c.number}</span>
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
