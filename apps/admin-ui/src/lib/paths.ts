/** Every console URL, built in one place (the router's patterns and the links agree). */
export const BASENAME = '/admin';

export const paths = {
  signIn: '/sign-in',
  workspace: (ws: string) => `/w/${encodeURIComponent(ws)}`,
  overview: (ws: string) => `/w/${encodeURIComponent(ws)}/overview`,
  virtualKeys: (ws: string) => `/w/${encodeURIComponent(ws)}/virtual-keys`,
  configs: (ws: string) => `/w/${encodeURIComponent(ws)}/configs`,
  newConfig: (ws: string) => `/w/${encodeURIComponent(ws)}/configs/new`,
  config: (ws: string, id: string) => `/w/${encodeURIComponent(ws)}/configs/${encodeURIComponent(id)}`,
  playground: (ws: string) => `/w/${encodeURIComponent(ws)}/playground`,
  apiKeys: (ws: string) => `/w/${encodeURIComponent(ws)}/api-keys`,
  logs: (ws: string) => `/w/${encodeURIComponent(ws)}/logs`,
  members: (ws: string) => `/w/${encodeURIComponent(ws)}/members`,
  limits: (ws: string) => `/w/${encodeURIComponent(ws)}/limits`,
  settings: (ws: string) => `/w/${encodeURIComponent(ws)}/settings`,
  sso: (ws: string) => `/w/${encodeURIComponent(ws)}/settings/sso`,
  audit: (ws: string) => `/w/${encodeURIComponent(ws)}/audit`,
  shadow: (ws: string) => `/w/${encodeURIComponent(ws)}/shadow`,
  replays: (ws: string) => `/w/${encodeURIComponent(ws)}/replays`,
};
