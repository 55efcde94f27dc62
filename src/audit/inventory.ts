import type { Profile } from '../profile/model.js';
import { proposePhiCandidates } from '../profile/phiCandidates.js';
import type { FieldType } from '../profile/vocabulary.js';

/** Which objects and fields hold PHI: from the compliance profile, or else guessed from field names and types. */
export type PhiInventory = {
  readonly source: 'profile' | 'heuristics';
  readonly objects: ReadonlySet<string>;
  /** `Object.Field` */
  readonly fields: ReadonlySet<string>;
};

export function inventoryFromProfile(profile: Profile): PhiInventory {
  return {
    source: 'profile',
    objects: new Set(profile.objects.map((o) => o.name)),
    fields: new Set(profile.objects.flatMap((o) => o.fields.map((f) => f.fullName))),
  };
}

/** Without a profile: the fields `profile init --from-project` would propose, and their objects. */
export function inventoryFromHeuristics(fields: ReadonlyArray<{ object: string; name: string; type: FieldType }>): PhiInventory {
  const candidates = proposePhiCandidates(fields);
  return {
    source: 'heuristics',
    objects: new Set(candidates.map((c) => c.object)),
    fields: new Set(candidates.map((c) => `${c.object}.${c.field}`)),
  };
}
