import { defineOnce } from '../internal/define.js';
import { DeploymentSettings } from './deployment-settings.component.js';

export { DeploymentSettings };

defineOnce('deployment-settings', DeploymentSettings);

declare global {
  interface HTMLElementTagNameMap {
    'deployment-settings': DeploymentSettings;
  }
}
