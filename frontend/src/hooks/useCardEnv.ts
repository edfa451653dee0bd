import {useCallback, useEffect, useState} from 'react';

import {AppError} from '../lib/api';
import {cardEnv, cardEnvChanges, saveCardEnv, type CardEnvironment, type EnvChange} from '../lib/api/cards';
import {envDiffers, fromRows, toRows, type EnvRow} from '../lib/cardcode';

/** EnvLoad is the card's environment variables at the bank, as far as the hook knows. */
export type EnvLoad =
  | {status: 'loading'}
  | {status: 'ready'; env: CardEnvironment}
  | {status: 'error'; error: AppError};

/** UseCardEnv is a card's environment variables and the rows being edited. */
export interface UseCardEnv {
  load: EnvLoad;
  rows: EnvRow[];
  setRows: (rows: EnvRow[]) => void;
  /** True when the rows differ from the saved variables. */
  dirty: boolean;
  /** changes validates the rows and lists what saving would change; rejects with an AppError (fields per row). */
  changes: () => Promise<EnvChange[]>;
  /** save replaces the card's variables with the rows (sent once); rejects with an AppError. */
  save: () => Promise<CardEnvironment>;
}

/** useCardEnv loads a card's environment variables for editing (mount it under key={cardKey}). */
export function useCardEnv(cardKey: string): UseCardEnv {
  const [load, setLoad] = useState<EnvLoad>({status: 'loading'});
  const [rows, setRows] = useState<EnvRow[]>([]);

  useEffect(() => {
    let live = true;
    cardEnv(cardKey).then(
      (env) => {
        if (live) {
          setLoad({status: 'ready', env});
          setRows(toRows(env.variables));
        }
      },
      (e: unknown) => {
        if (live) {
          setLoad({status: 'error', error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [cardKey]);

  const changes = useCallback(() => {
    return cardEnvChanges(cardKey, fromRows(rows));
  }, [cardKey, rows]);

  const save = useCallback(async () => {
    const env = await saveCardEnv(cardKey, fromRows(rows));
    setLoad({status: 'ready', env});
    setRows(toRows(env.variables));
    return env;
  }, [cardKey, rows]);

  const dirty = load.status === 'ready' && envDiffers(load.env.variables, rows);
  return {load, rows, setRows, dirty, changes, save};
}
