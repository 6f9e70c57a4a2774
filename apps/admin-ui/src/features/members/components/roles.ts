/** The roles people can be given, with what each may do (shown in the role picker). */
export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer', description: 'Reads logs and analytics' },
  { value: 'member', label: 'Member', description: 'Writes configs, creates their own API keys' },
  { value: 'admin', label: 'Admin', description: 'Manages virtual keys, every API key and members' },
  { value: 'owner', label: 'Owner', description: 'Everything, including members and settings' },
] as const;
