import {useCallback, useRef, useState} from 'react';

import {AppError} from '../lib/api';
import {
  confirmPay,
  reviewPayment,
  reviewTransfer,
  syncAfterPayment,
  type PayAttempt,
  type PayBatch,
  type PaymentForm,
  type PayReview,
  type TransferForm,
} from '../lib/api/payments';
import {confirmationText, movedMoney} from '../lib/pay';

/** SyncState is how the sync after a transfer or payment is going. */
export type SyncState = 'idle' | 'syncing' | 'done' | 'failed';

/** PayFlowState is where the person is: editing, reviewing a batch, or done. */
export interface PayFlowState {
  /** The review being confirmed, once the form passed the backend's checks. */
  review?: PayReview;
  /** The outcome of each batch sent so far, in order. */
  outcomes: PayAttempt[];
  /** Problems with the form, keyed by the backend's field names. */
  errors: Record<string, string>;
  /** A problem with the review or confirmation that belongs to no field. */
  message?: string;
  /** The problem with what was typed to confirm. */
  confirmError?: string;
  /** Set when an identical one was sent recently: confirm a second time. */
  duplicate?: string;
  busy?: 'review' | 'confirm';
  sync: SyncState;
  syncMessage?: string;
}

/** UsePayFlow drives review → confirmation → outcome → sync. */
export interface UsePayFlow {
  state: PayFlowState;
  reviewTransfer: (f: TransferForm) => void;
  reviewPayment: (f: PaymentForm) => void;
  /** confirm sends the current batch with what the person typed. */
  confirm: (typed: string, acknowledgeDuplicate?: boolean) => void;
  /** back returns to the form (the review is simply never confirmed). */
  back: () => void;
  /** reset starts again with an empty flow. */
  reset: () => void;
  /** current is the batch waiting for confirmation, if any. */
  current: PayBatch | undefined;
  /** finished is true once every batch was sent, or one did not go through. */
  finished: boolean;
}

const initial: PayFlowState = {outcomes: [], errors: {}, sync: 'idle'};

/** currentBatch is the next batch to confirm, or undefined when there is none. */
function currentBatch(review: PayReview | undefined, outcomes: readonly PayAttempt[]): PayBatch | undefined {
  if (!review) {
    return undefined;
  }
  const last = outcomes[outcomes.length - 1];
  if (last && last.status !== 'succeeded') {
    return undefined; // a batch did not go through: stop and let the person look
  }
  return review.batches[outcomes.length];
}

/**
 * usePayFlow runs the steps of moving money. While a review or a
 * confirmation is in flight every further one is ignored, so a double
 * click sends once (and the backend would return the first outcome
 * anyway). After the last batch, if money moved, it syncs; either way it
 * then calls onSettled so balances and the journal refresh.
 */
export function usePayFlow(onSettled: () => void): UsePayFlow {
  const [state, setState] = useState<PayFlowState>(initial);
  const inFlight = useRef(false);
  // The review and outcomes as the callbacks must see them, without
  // waiting for a render.
  const flow = useRef<{review?: PayReview; outcomes: PayAttempt[]}>({outcomes: []});

  const review = useCallback((run: () => Promise<PayReview>) => {
    if (inFlight.current) {
      return;
    }
    inFlight.current = true;
    flow.current = {outcomes: []};
    setState({...initial, busy: 'review'});
    run().then(
      (r) => {
        inFlight.current = false;
        flow.current = {review: r, outcomes: []};
        setState({...initial, review: r});
      },
      (e: unknown) => {
        inFlight.current = false;
        const err = AppError.from(e);
        const errors = err.fieldErrors();
        setState(Object.keys(errors).length > 0 ? {...initial, errors} : {...initial, message: err.message});
      },
    );
  }, []);

  const reviewTransferCb = useCallback(
    (f: TransferForm) => {
      review(() => reviewTransfer(f));
    },
    [review],
  );
  const reviewPaymentCb = useCallback(
    (f: PaymentForm) => {
      review(() => reviewPayment(f));
    },
    [review],
  );

  const settle = useCallback(
    (outcomes: PayAttempt[]) => {
      if (!outcomes.some(movedMoney)) {
        onSettled();
        return;
      }
      setState((s) => ({...s, sync: 'syncing'}));
      syncAfterPayment().then(
        () => {
          setState((s) => ({...s, sync: 'done'}));
          onSettled();
        },
        (e: unknown) => {
          setState((s) => ({...s, sync: 'failed', syncMessage: AppError.from(e).message}));
          onSettled();
        },
      );
    },
    [onSettled],
  );

  const confirm = useCallback(
    (typed: string, acknowledgeDuplicate = false) => {
      const batch = currentBatch(flow.current.review, flow.current.outcomes);
      if (!batch || inFlight.current) {
        return;
      }
      inFlight.current = true;
      setState((s) => ({...s, busy: 'confirm', confirmError: undefined, message: undefined}));
      confirmPay({attemptId: batch.attemptId, typed: confirmationText(typed), acknowledgeDuplicate}).then(
        (a) => {
          inFlight.current = false;
          const outcomes = [...flow.current.outcomes, a];
          flow.current = {...flow.current, outcomes};
          setState((s) => ({...s, busy: undefined, duplicate: undefined, outcomes}));
          if (!currentBatch(flow.current.review, outcomes)) {
            settle(outcomes);
          }
        },
        (e: unknown) => {
          inFlight.current = false;
          const err = AppError.from(e);
          const fields = err.fieldErrors();
          if (err.code === 'conflict' && fields.acknowledgeDuplicate !== undefined) {
            setState((s) => ({...s, busy: undefined, duplicate: fields.acknowledgeDuplicate}));
          } else if (fields.typed !== undefined) {
            setState((s) => ({...s, busy: undefined, confirmError: fields.typed}));
          } else {
            setState((s) => ({...s, busy: undefined, message: err.message}));
          }
        },
      );
    },
    [settle],
  );

  const back = useCallback(() => {
    if (!inFlight.current) {
      flow.current = {outcomes: []};
      setState((s) => ({...initial, errors: s.errors}));
    }
  }, []);
  const reset = useCallback(() => {
    if (!inFlight.current) {
      flow.current = {outcomes: []};
      setState(initial);
    }
  }, []);

  const current = currentBatch(state.review, state.outcomes);
  return {
    state,
    reviewTransfer: reviewTransferCb,
    reviewPayment: reviewPaymentCb,
    confirm,
    back,
    reset,
    current,
    finished: state.review !== undefined && current === undefined,
  };
}
