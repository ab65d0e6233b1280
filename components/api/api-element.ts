import { ContextProvider, consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { adoptDocumentLocale } from '../i18n/localization.js';
import { ApiClient, type TokenGetter } from './client.js';
import { apiClientContext } from './context.js';

/**
 * The base of every element that talks to the BFF. It takes `api-base` and `getToken` of its
 * own or inherits the client of an ancestor through @lit/context (its own settings win), and
 * passes the client it ends up with on to its descendants, so that a dialog inside a table
 * talks to the same BFF with the same token.
 *
 * Each element gets a client of its own (sharing the ancestor's token and caller), so that a
 * 401 fires `auth-required` from the element whose request it was.
 * An element that extends it documents `@fires auth-required`.
 */
export class ApiElement extends LitElement {
  /** Base URL of the BFF's API; inherited from an ancestor provider, else `/api`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** Returns the caller's bearer token; inherited from an ancestor provider when unset. */
  @property({ attribute: false }) getToken?: TokenGetter;

  @consume({ context: apiClientContext, subscribe: true })
  @state()
  private inheritedClient?: ApiClient;

  /** The client in use; a new instance whenever its settings change, so tasks that take it rerun. */
  @state() protected client: ApiClient = new ApiClient();

  private readonly clientProvider = new ContextProvider(this, { context: apiClientContext });

  override connectedCallback(): void {
    super.connectedCallback();
    adoptDocumentLocale();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const settingsChanged = ['apiBase', 'getToken', 'inheritedClient'].some((key) => changed.has(key as keyof ApiElement));
    if (!this.hasUpdated || settingsChanged) {
      const own = this.apiBase !== undefined || this.getToken !== undefined;
      this.client = own || !this.inheritedClient
        ? new ApiClient({
            apiBase: this.apiBase ?? this.inheritedClient?.apiBase,
            getToken: this.getToken ?? this.inheritedClient?.getToken,
            target: this,
          })
        : this.inheritedClient.for(this);
      this.clientProvider.setValue(this.client);
    }
  }
}
