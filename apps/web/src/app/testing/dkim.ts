import type { DkimSettingsResponseDto } from '@yubin/api-client';

/** `GET …/dkim-settings` for specs, on a server whose default overlap is 7 days. */
export function dkimSchedule(
  rotation: number | null,
  overlap: number | null,
  effectiveOverlap = overlap ?? 7,
): DkimSettingsResponseDto {
  return {
    own: { dkimRotationDays: rotation, dkimOverlapDays: overlap },
    effective: { dkimRotationDays: rotation, dkimOverlapDays: effectiveOverlap },
    inherited: { dkimRotationDays: null, dkimOverlapDays: 7 },
  };
}
