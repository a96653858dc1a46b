import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from '../api/client.js';
import { meKey } from './session.js';

/** A 4xx will not get better by asking again; network failures and 5xx get two more tries. */
function shouldRetry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

/**
 * One client for the app. A 401 from any query or mutation means the session is gone: forgetting the
 * signed-in user sends the router back to the login page.
 */
export function createQueryClient(): QueryClient {
  const signedOut = (error: unknown) => {
    if (isUnauthenticated(error)) client.setQueryData(meKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: signedOut }),
    mutationCache: new MutationCache({ onError: signedOut }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
