import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiClient, type TokenGetter } from '../api/client.js';
import { apiClientContext } from '../api/context.js';
import { adoptDocumentLocale, setLocale } from '../i18n/localization.js';
import { styles } from './services-provider.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail } from '../events.js';
export type { TokenGetter } from '../api/transport.js';
export type { ApiClient } from '../api/client.js';

/**
 * @summary Gives every element inside it one API client (the BFF's address and the caller's
 * token), so that a page sets them once.
 *
 * An element's own `api-base` or `getToken` still wins over the provider's.
 *
 * @slot - The elements that use the client.
 *
 * @fires auth-required - Passed on from an element inside whose request the BFF refused with 401 (see `ApiElement`): one listener here serves them all.
 * @tagname services-provider
 */
export class ServicesProvider extends LitElement {
  static override styles = styles;

  /** Base URL of the BFF's API. */
  @property({ attribute: 'api-base' }) apiBase = '/api';

  /** Returns the caller's bearer token; set a new function when the user changes. */
  @property({ attribute: false }) getToken?: TokenGetter;

  /**
   * The language of the elements, a BCP 47 tag (`en`, `de`, `fr`, `it`, or with a region for the
   * formats: `de-DE`); it applies to the whole page. Unset, the page's `<html lang>` decides.
   */
  @property() locale?: string;

  private readonly provider = new ContextProvider(this, { context: apiClientContext, initialValue: new ApiClient() });

  /** The client the descendants receive. */
  get client(): ApiClient | undefined {
    return this.provider.value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.locale) adoptDocumentLocale();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('apiBase') || changed.has('getToken')) {
      this.provider.setValue(new ApiClient({ apiBase: this.apiBase, getToken: this.getToken }));
    }
    if (changed.has('locale') && this.locale) void setLocale(this.locale);
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
