import {useCallback, useEffect, useState} from 'react';

import {AppError} from '../lib/api';
import {
  cardCode,
  cardCodeHistory,
  checkCardCode,
  publishCardCode,
  saveCardCode,
  type CardCodeState,
  type CardCodeVersion,
  type CodeCheck,
  type CodeVersion,
} from '../lib/api/cards';

/** CodeLoad is the card's code at the bank, as far as the hook knows. */
export type CodeLoad =
  | {status: 'loading'}
  | {status: 'ready'; code: CardCodeState}
  | {status: 'error'; error: AppError};

/** UseCardCode is a card's code, the editor's text and what can be done with them. */
export interface UseCardCode {
  load: CodeLoad;
  /** The editor's current text (saved or not). */
  text: string;
  setText: (text: string) => void;
  /** True when the editor's text is not the saved code. */
  dirty: boolean;
  /** The latest syntax check of the editor's text (undefined while unchecked). */
  check?: CodeCheck;
  history: CodeVersion[];
  /** save saves the editor's text on the card (not published); rejects with an AppError. */
  save: () => Promise<CardCodeVersion>;
  /** refresh reloads the saved and published code from the bank, keeping the editor's text. */
  refresh: () => Promise<CardCodeState>;
  /** publish publishes the saved version codeId; rejects with an AppError. */
  publish: (codeId: string) => Promise<CardCodeVersion>;
  reload: () => void;
}

/** checkDelay is how long typing must pause before the syntax is checked. */
const checkDelay = 400;

/**
 * useCardCode loads a card's saved and published code and its local
 * history, and holds the editor's text. The card is fixed for the hook's
 * life (mount it under key={cardKey}). Unsaved text goes to drafts, which
 * the caller keeps across cards, so moving to another card and back loses
 * nothing.
 */
export function useCardCode(cardKey: string, drafts: Map<string, string>): UseCardCode {
  const [load, setLoad] = useState<CodeLoad>({status: 'loading'});
  const [history, setHistory] = useState<CodeVersion[]>([]);
  const [text, setTextState] = useState('');
  const [check, setCheck] = useState<CodeCheck>();
  const [generation, setGeneration] = useState(0);

  const loadHistory = useCallback((key: string) => {
    cardCodeHistory(key).then(setHistory, () => {
      setHistory([]);
    });
  }, []);

  useEffect(() => {
    let live = true;
    cardCode(cardKey).then(
      (code) => {
        if (!live) {
          return;
        }
        setLoad({status: 'ready', code});
        setTextState(drafts.get(cardKey) ?? code.saved.code);
        loadHistory(cardKey);
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
  }, [cardKey, generation, loadHistory, drafts]);

  // Check the syntax once typing pauses.
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      checkCardCode(text).then(
        (c) => {
          if (live) {
            setCheck(c);
          }
        },
        () => {
          if (live) {
            setCheck(undefined);
          }
        },
      );
    }, checkDelay);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);

  const setText = useCallback(
    (t: string) => {
      setTextState(t);
      drafts.set(cardKey, t);
    },
    [cardKey, drafts],
  );

  const save = useCallback(async () => {
    const saved = await saveCardCode(cardKey, text);
    drafts.delete(cardKey);
    setLoad((prev) =>
      prev.status === 'ready'
        ? {status: 'ready', code: {...prev.code, saved, differs: saved.code !== prev.code.published.code}}
        : prev,
    );
    loadHistory(cardKey);
    return saved;
  }, [cardKey, text, loadHistory, drafts]);

  const refresh = useCallback(async () => {
    const code = await cardCode(cardKey);
    setLoad({status: 'ready', code});
    loadHistory(cardKey);
    return code;
  }, [cardKey, loadHistory]);

  const publish = useCallback(
    async (codeId: string) => {
      const published = await publishCardCode(cardKey, codeId);
      setLoad((prev) =>
        prev.status === 'ready'
          ? {status: 'ready', code: {...prev.code, published, differs: prev.code.saved.code !== published.code}}
          : prev,
      );
      loadHistory(cardKey);
      return published;
    },
    [cardKey, loadHistory],
  );

  const reload = useCallback(() => {
    setGeneration((g) => g + 1);
  }, []);

  const dirty = load.status === 'ready' && text !== load.code.saved.code;
  return {load, text, setText, dirty, ...(check ? {check} : {}), history, save, refresh, publish, reload};
}
