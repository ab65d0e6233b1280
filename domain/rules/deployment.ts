/** Deployment settings (docs/domain.md): when they are offered. */
import type { ServiceCode } from '../catalog.js';
import type { Reason } from './reasons.js';

/** Deployment settings are offered while the domain's SC-SIGENC is confirmed or provisioning. */
export function deploymentSettingsOffered(services: readonly { code: ServiceCode; status: string }[]): boolean {
  return services.some((s) => s.code === 'SC-SIGENC' && (s.status === 'confirmed' || s.status === 'provisioning'));
}

/**
 * Why a domain's deployment settings are not offered (none when they are): `sigencStatus` is
 * the status of its active SC-SIGENC, or null without one.
 */
export function checkDeploymentSettingsOffered(domainName: string, sigencStatus: string | null): Reason[] {
  if (deploymentSettingsOffered(sigencStatus ? [{ code: 'SC-SIGENC', status: sigencStatus }] : [])) return [];
  return [
    {
      code: 'deployment-settings-unavailable',
      path: 'domain',
      service: 'SC-SIGENC',
      message: sigencStatus
        ? `SC-SIGENC on ${domainName} is ${sigencStatus}; deployment settings open once it is confirmed and close once it is provisioned.`
        : `${domainName} has no active SC-SIGENC.`,
    },
  ];
}
