/**
 * The SecretBox the SSO code uses: the same master key and cipher as virtual-key secrets, as its
 * own injectable (ControlPlaneModule keeps its SecretBox to itself).
 */
import { SecretBox } from '../crypto/secret-box.js';

export class SsoSecretBox extends SecretBox {}
