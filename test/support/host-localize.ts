// A portal's own @lit/localize, as the host-localize tests configure it: a message of its own in
// German and French, loaded by its own loadLocale, and an element of its own that shows it.
import { configureLocalization, localized, msg } from '@lit/localize';
import { html, LitElement } from 'lit';

const HOST_TEMPLATES: Record<string, Record<string, string>> = {
  de: { 'portal.greeting': 'Willkommen im Portal' },
  fr: { 'portal.greeting': 'Bienvenue dans le portail' },
};

export function configureHostLocalization(): ReturnType<typeof configureLocalization> {
  return configureLocalization({
    sourceLocale: 'en',
    targetLocales: ['de', 'fr'],
    loadLocale: async (locale) => ({ templates: HOST_TEMPLATES[locale]! }),
  });
}

export function hostGreeting(): string {
  return msg('Welcome to the portal', { id: 'portal.greeting' });
}

@localized()
export class PortalGreeting extends LitElement {
  override render() {
    return html`<p>${hostGreeting()}</p>`;
  }
}
customElements.define('portal-greeting', PortalGreeting);
