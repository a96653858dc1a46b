import type { Dayjs } from 'dayjs';
import type { CreateFollowUpBody, FollowUpKind } from '../../api/types.js';

/** What the follow-up form holds: a time as the picker gives it, the next step as two plain fields. */
export interface FollowUpFormValues {
  kind: FollowUpKind;
  at: Dayjs;
  note: string;
  nextStep?: string | undefined;
  nextStepAt?: Dayjs | null | undefined;
}

export interface CheckIn {
  lat: number;
  lng: number;
  label?: string | undefined;
}

/** The form's fields, for the server's field problems (`nextStep.text` lands on `nextStep`; the check-in's above the buttons). */
export const FOLLOW_UP_FIELDS = ['kind', 'at', 'note', 'nextStep', 'nextStepAt'] as const;

/**
 * The request body: the time as an instant with its offset, the next step only when it has a text, and the
 * check-in only on a visit (a location belongs to a visit; the server says so too).
 */
export function followUpBody(values: FollowUpFormValues, checkIn: CheckIn | null): CreateFollowUpBody {
  const nextStep = values.nextStep?.trim();
  return {
    kind: values.kind,
    at: values.at.toISOString(),
    note: values.note,
    ...(nextStep && {
      nextStep: { text: nextStep, ...(values.nextStepAt && { at: values.nextStepAt.format('YYYY-MM-DD') }) },
    }),
    ...(checkIn && values.kind === 'visit' && { location: checkIn }),
  };
}

/** A position as the phone reports it, rounded to about a metre (more digits only look precise). */
export function checkInOf(coords: { latitude: number; longitude: number }): CheckIn {
  const round = (n: number) => Math.round(n * 100_000) / 100_000;
  return { lat: round(coords.latitude), lng: round(coords.longitude) };
}
