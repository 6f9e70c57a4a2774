import { isClientRoute } from './admin-console.js';

describe('isClientRoute (the console answers index.html for these)', () => {
  it('treats console pages, with or without a query, as client routes', () => {
    expect(isClientRoute('/admin/sign-in')).toBe(true);
    expect(isClientRoute('/admin/w/3f2c/logs')).toBe(true);
    expect(isClientRoute('/admin/w/3f2c/configs/pc-prod-chat-adeb7e')).toBe(true);
  });

  it('leaves the admin API and missing files to their 404', () => {
    expect(isClientRoute('/admin/api/v1/nope')).toBe(false);
    expect(isClientRoute('/admin/api')).toBe(false);
    expect(isClientRoute('/admin/assets/index-abc123.js')).toBe(false);
    expect(isClientRoute('/admin/favicon.ico')).toBe(false);
  });
});
