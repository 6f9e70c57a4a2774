/** Who performs an admin write, as recorded in the audit log. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id?: string;
  /** Email or key name at the time of the action, so the trail reads well after deletions. */
  label?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', label: 'system' };
