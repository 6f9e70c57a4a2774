/** The admin REST API: mounted by ControlPlaneModule.forRoot; main.ts calls setupAdminOpenApi(app) before listen(). */
export { AdminModule } from './admin.module.js';
export { buildAdminOpenApi, setupAdminOpenApi } from './openapi.js';
