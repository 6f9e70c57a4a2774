// oidc-provider ships no type declarations (and @types/oidc-provider is not installed): the tests
// use only its constructor and `callback()`.
declare module 'oidc-provider' {
  export default class Provider {
    constructor(issuer: string, configuration: unknown);
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  }
}
