import {useCallback, useEffect, useState} from 'react';

import {AppError} from '../lib/api';
import {
  cardExecutions,
  cardReference,
  cardTemplates,
  simulateCard,
  type CardExecutionLog,
  type CardReferenceData,
  type CardTemplate,
  type SimulationMode,
  type SimulationRequest,
  type SimulationResult,
} from '../lib/api/cards';
import {readyData, useLoadOnce} from './useLoad';

/** useCardReference loads the simulation form's countries, currencies and merchant categories once. */
export function useCardReference(): CardReferenceData | undefined {
  return readyData(useLoadOnce(cardReference));
}

const noTemplates: CardTemplate[] = [];

/** useCardTemplates loads the card code templates once (none until they are there, or if they cannot be). */
export function useCardTemplates(): CardTemplate[] {
  return readyData(useLoadOnce(cardTemplates)) ?? noTemplates;
}

/** Runs holds the latest result (or error) of each kind of simulation, and which one is running. */
export interface Runs {
  local?: SimulationResult;
  investec?: SimulationResult;
  error?: {mode: SimulationMode; error: AppError};
  running?: SimulationMode;
}

/** ExecutionsLoad is the card's execution log, as far as the hook knows. */
export type ExecutionsLoad =
  | {status: 'loading'}
  | {status: 'ready'; log: CardExecutionLog}
  | {status: 'error'; error: AppError};

/** UseCardRuns is a card's simulations and execution log. */
export interface UseCardRuns {
  runs: Runs;
  /** run simulates req and reloads the execution log; errors land in runs.error. */
  run: (req: SimulationRequest) => Promise<void>;
  executions: ExecutionsLoad;
  reloadExecutions: () => void;
}

/** useCardRuns runs simulations on a card and loads its execution log (mount it under key={cardKey}). */
export function useCardRuns(cardKey: string): UseCardRuns {
  const [runs, setRuns] = useState<Runs>({});
  const [executions, setExecutions] = useState<ExecutionsLoad>({status: 'loading'});
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    cardExecutions(cardKey).then(
      (log) => {
        if (live) {
          setExecutions({status: 'ready', log});
        }
      },
      (e: unknown) => {
        if (live) {
          setExecutions({status: 'error', error: AppError.from(e)});
        }
      },
    );
    return () => {
      live = false;
    };
  }, [cardKey, generation]);

  const reloadExecutions = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  const run = useCallback(
    async (req: SimulationRequest) => {
      setRuns((prev) => ({...prev, running: req.mode, error: undefined}));
      try {
        const res = await simulateCard(cardKey, req);
        setRuns((prev) => ({...prev, [res.mode]: res, running: undefined}));
        reloadExecutions();
      } catch (e) {
        setRuns((prev) => ({...prev, error: {mode: req.mode, error: AppError.from(e)}, running: undefined}));
      }
    },
    [cardKey, reloadExecutions],
  );

  return {runs, run, executions, reloadExecutions};
}
