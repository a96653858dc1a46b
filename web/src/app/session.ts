import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, isUnauthenticated } from '../api/client.js';
import type { Me, Permission } from '../api/types.js';

export const meKey = ['me'] as const;

/** Who is signed in, or null when nobody is (the server answered 401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/v1/me');
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside of a signed-in route');
  return me;
}

export function useCan(permission: Permission): boolean {
  return useMe().permissions.includes(permission);
}
