import {useCallback, useEffect, useState} from 'react';

import {AppError} from '../lib/api';
import {listCards, setCardProgrammable, type Card} from '../lib/api/cards';

/** CardsState is what useCards knows. */
export type CardsState =
  | {status: 'loading'}
  | {status: 'ready'; cards: Card[]}
  | {status: 'error'; error: AppError};

/** UseCards is the cards list and what can be done to it. */
export interface UseCards {
  state: CardsState;
  reload: () => void;
  /**
   * setProgrammable switches a card's programmable feature (sent once) and
   * updates the list with the state Investec reports. It rejects with an
   * AppError; the list is then reloaded, since the outcome may be unknown.
   */
  setProgrammable: (cardKey: string, enabled: boolean) => Promise<boolean>;
}

/** useCards loads the connection's cards. */
export function useCards(): UseCards {
  const [state, setState] = useState<CardsState>({status: 'loading'});
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    listCards().then(
      (cards) => {
        if (live) {
          setState({status: 'ready', cards});
        }
      },
      (e: unknown) => {
        if (live) {
          setState({status: 'error', error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);

  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  const setProgrammable = useCallback(
    async (cardKey: string, enabled: boolean) => {
      try {
        const now = await setCardProgrammable(cardKey, enabled);
        setState((prev) =>
          prev.status === 'ready'
            ? {status: 'ready', cards: prev.cards.map((c) => (c.key === cardKey ? {...c, programmable: now} : c))}
            : prev,
        );
        return now;
      } catch (e) {
        reload();
        throw AppError.from(e);
      }
    },
    [reload],
  );

  return {state, reload, setProgrammable};
}
