import { complaintsBirmingham, complaintsWestWilts } from './complaints';
import { defaultPreset } from './default';
import { escalating } from './escalating';
import { mentoringPlus } from './mentoring-plus';
import { whistleblowingCcc } from './whistleblowing-ccc';
import type { Preset } from './builders';

export type { Preset } from './builders';
export { OWN_CHOICES, hasOwnChoice, setOwnChoice, type OwnChoice } from './choices';

export const PRESETS: readonly Preset[] = [
  defaultPreset,
  whistleblowingCcc,
  complaintsBirmingham,
  complaintsWestWilts,
  mentoringPlus,
  escalating
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

/** A fresh copy of the preset, safe to edit; undefined for an unknown id. */
export function presetById(id: string): Preset | undefined {
  const preset = PRESETS.find((p) => p.id === id);
  return preset && structuredClone(preset);
}
