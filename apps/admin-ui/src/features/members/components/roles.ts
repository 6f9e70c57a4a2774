/** The roles people can be given, with what each may do (shown in the role picker). */
export const ROLE_OPTIONS = [
  { value: 'viewer', label: 'Viewer', description: 'Reads logs and analytics' },
  { value: 'admin', label: 'Admin', description: 'Manages keys, configs and API keys' },
  { value: 'owner', label: 'Owner', description: 'Everything, including members and settings' },
] as const;
