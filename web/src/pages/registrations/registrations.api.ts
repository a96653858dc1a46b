import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.js';
import type {
  Availability,
  AvailabilityBody,
  CreateRegistrationBody,
  Page,
  Registration,
  RegistrationAttachment,
  RegistrationStatus,
  RegistrationTimeline,
  UpdateRegistrationBody,
} from '../../api/types.js';

export const registrationsKey = ['registrations'] as const;

export interface RegistrationFilters {
  status?: RegistrationStatus | undefined;
  /** The review queue: submitted or resubmitted, oldest first. */
  queue?: boolean | undefined;
  limit: number;
  offset: number;
}

export function useRegistrations(filters: RegistrationFilters) {
  return useQuery({
    queryKey: [...registrationsKey, 'list', filters],
    queryFn: () =>
      api.get<Page<Registration>>('/api/v1/registrations', {
        ...filters,
        queue: filters.queue ? 'true' : undefined,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useRegistration(id: string | null) {
  return useQuery({
    queryKey: [...registrationsKey, 'one', id],
    queryFn: () => api.get<Registration>(`/api/v1/registrations/${id}`),
    enabled: id !== null,
  });
}

export function useRegistrationTimeline(id: string | null) {
  return useQuery({
    queryKey: [...registrationsKey, 'timeline', id],
    queryFn: () => api.get<RegistrationTimeline>(`/api/v1/registrations/${id}/timeline`),
    enabled: id !== null,
  });
}

/** "Is this customer available to me?": asked on demand (it is rate-limited), never while typing. */
export function useAvailability() {
  return useMutation({
    mutationFn: (body: AvailabilityBody) =>
      api.post<Availability>('/api/v1/registrations/availability', body),
  });
}

export function useRegistrationMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: registrationsKey });
  const useStep = (path: string) =>
    useMutation({
      mutationFn: ({ id, body }: { id: string; body: object }) =>
        api.post<Registration>(`/api/v1/registrations/${id}/${path}`, body),
      onSuccess,
    });
  return {
    create: useMutation({
      mutationFn: (body: CreateRegistrationBody) => api.post<Registration>('/api/v1/registrations', body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateRegistrationBody }) =>
        api.patch<Registration>(`/api/v1/registrations/${id}`, body),
      onSuccess,
    }),
    submit: useStep('submit'),
    withdraw: useStep('withdraw'),
    extension: useStep('extension'),
    decideExtension: useStep('extension/decide'),
    approve: useStep('approve'),
    return: useStep('return'),
    reject: useStep('reject'),
  };
}

const attachmentsKey = (id: string) => [...registrationsKey, 'attachments', id] as const;

/** The files on a registration, and adding or removing one. */
export function useAttachments(registrationId: string) {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: attachmentsKey(registrationId) });
  const base = `/api/v1/registrations/${registrationId}/attachments`;
  return {
    list: useQuery({
      queryKey: attachmentsKey(registrationId),
      queryFn: () => api.get<{ items: RegistrationAttachment[] }>(base),
    }),
    add: useMutation({
      // The server decides the type by the name and the bytes: the body goes as plain bytes.
      mutationFn: (file: File) =>
        api.upload<RegistrationAttachment>(
          withQuery(base, { filename: file.name }),
          file,
          'application/octet-stream',
        ),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (attachmentId: string) => api.delete<void>(`${base}/${attachmentId}`),
      onSuccess,
    }),
    downloadUrl: (attachmentId: string) => `${base}/${attachmentId}`,
  };
}
