import { useCallback, useState } from 'react';
import type { CheckResult } from '../../api/types.js';
import { checkFromError } from './duplicates.js';

/**
 * A save the server may refuse because of duplicates — a create, or a change to what matching reads: 409
 * DUPLICATE_ACCOUNT (the same customer is already here) or POSSIBLE_DUPLICATE (look-alikes; a reason lets it
 * through). `attempt` keeps such a refusal as the check result it amounts to, for DuplicatePanel, and opens
 * the confirmation for look-alikes; any other error is thrown on. Used by the new-customer page and the edit
 * dialog alike.
 */
export function useDuplicateGate() {
  const [refused, setRefused] = useState<CheckResult | null>(null);
  const [confirming, setConfirming] = useState(false);

  const attempt = useCallback(async <T>(save: () => Promise<T>): Promise<T | undefined> => {
    try {
      const saved = await save();
      setConfirming(false);
      return saved;
    } catch (error) {
      const refusal = checkFromError(error);
      if (!refusal) {
        setConfirming(false);
        throw error;
      }
      setRefused(refusal);
      setConfirming(refusal.verdict === 'possible');
      return undefined;
    }
  }, []);

  /** An edit makes the refusal stale: it stands only until the values change. */
  const forget = useCallback(() => setRefused(null), []);
  const reset = useCallback(() => {
    setRefused(null);
    setConfirming(false);
  }, []);

  return { refused, confirming, setConfirming, attempt, forget, reset };
}
