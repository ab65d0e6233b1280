import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiClient, type TokenGetter } from '../components/api/client.js';
import '../components/define.js';
import { can } from '../domain/roles.js';
import { getLocale, localized, msg, setLocale, type LocaleCode } from '../components/i18n/localization.js';
import { renderError } from '../components/internal/states.js';

const USER_KEY = 'seppmail-cloud-demo.user';
const LOCALE_KEY = 'seppmail-cloud-demo.locale';
const LOOK_KEY = 'seppmail-cloud-demo.look';
/** Each language by its own name. */
const LANGUAGES: readonly { code: LocaleCode; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'it', name: 'Italiano' },
];

/** The looks of demo/demo.css: `<html data-look>` chooses one; they set tokens and `::part()` rules only. */
const LOOKS = ['default', 'dark', 'partner'] as const;
type Look = (typeof LOOKS)[number];

function lookLabel(look: Look): string {
  switch (look) {
    case 'default': return msg('Default', { id: 'demo.look.default' });
    case 'dark': return msg('Dark', { id: 'demo.look.dark' });
    case 'partner': return msg('Partner branding', { id: 'demo.look.partner' });
  }
}

function storedLook(): Look {
  const stored = localStorage.getItem(LOOK_KEY);
  return LOOKS.find((look) => look === stored) ?? 'default';
}

function storedLocale(): LocaleCode {
  const stored = localStorage.getItem(LOCALE_KEY);
  const wanted = stored ?? navigator.language.slice(0, 2);
  return LANGUAGES.find((language) => language.code === wanted)?.code ?? 'en';
}

/**
 * The demo page: sign in as any seeded demo user, pick a language and a look, and use `tenant-table`
 * beside `booked-services`, wired by `tenant-select`; orders there refresh the tenant list's counts
 * (and every view follows other users' changes live). Below them, the usage statement for
 * those who see prices and the audit log for those who read it.
 */
@localized()
export class DemoApp extends LitElement {
  /** No shadow root: the page's own stylesheet (demo/demo.css) lays it out and themes the elements, as a host page would. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  @state() private userId = localStorage.getItem(USER_KEY) ?? '';
  @state() private locale: LocaleCode = storedLocale();
  @state() private look: Look = storedLook();
  @state() private tenantId?: string;

  private readonly api = new ApiClient();

  private readonly usersTask = new Task(this, {
    task: ([], { signal }) => this.api.demoUsers(signal),
    args: () => [],
    onComplete: (users) => {
      if (!users.some((user) => user.id === this.userId)) this.userId = users[0]?.id ?? '';
    },
  });

  /** A token getter per user: a new function makes the provider hand out a new client. */
  private readonly tokenTask = new Task(this, {
    task: async ([userId]): Promise<TokenGetter | undefined> => {
      if (!userId) return undefined;
      const token = await this.api.demoToken(userId);
      return () => token;
    },
    args: () => [this.userId] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.changeLocale(this.locale);
    this.changeLook(this.look);
  }

  private changeLook(look: Look): void {
    this.look = look;
    localStorage.setItem(LOOK_KEY, look);
    if (look === 'default') delete document.documentElement.dataset.look;
    else document.documentElement.dataset.look = look;
  }

  private async changeLocale(locale: LocaleCode): Promise<void> {
    this.locale = locale;
    localStorage.setItem(LOCALE_KEY, locale);
    document.documentElement.lang = locale;
    await setLocale(locale);
  }

  private changeUser(userId: string): void {
    this.userId = userId;
    this.tenantId = undefined;
    localStorage.setItem(USER_KEY, userId);
  }

  /** Orders change a tenant's domain and service counts: the list loads them again. */
  private refreshCounts(): void {
    this.renderRoot.querySelector('tenant-table')?.refresh();
  }

  override render(): TemplateResult {
    const users = this.usersTask.value ?? [];
    return html`
      <header>
        <h1>${msg('seppmail.cloud services', { id: 'demo.title' })}</h1>
        <label>
          ${msg('Signed in as', { id: 'demo.user' })}
          <select .value=${this.userId} ?disabled=${users.length === 0}
            @change=${(e: Event) => this.changeUser((e.target as HTMLSelectElement).value)}>
            ${users.map((user) => html`<option value=${user.id} ?selected=${user.id === this.userId}>${user.name}</option>`)}
          </select>
        </label>
        <label>
          ${msg('Language', { id: 'demo.language' })}
          <select @change=${(e: Event) => void this.changeLocale((e.target as HTMLSelectElement).value as LocaleCode)}>
            ${LANGUAGES.map((language) => html`<option value=${language.code} lang=${language.code} ?selected=${language.code === getLocale()}>${language.name}</option>`)}
          </select>
        </label>
        <label>
          ${msg('Look', { id: 'demo.look' })}
          <select @change=${(e: Event) => this.changeLook((e.target as HTMLSelectElement).value as Look)}>
            ${LOOKS.map((look) => html`<option value=${look} ?selected=${look === this.look}>${lookLabel(look)}</option>`)}
          </select>
        </label>
      </header>
      ${this.renderMain()}
    `;
  }

  private renderMain(): TemplateResult | typeof nothing {
    if (this.usersTask.status === TaskStatus.ERROR)
      return renderError(msg('The demo users could not be loaded.', { id: 'demo.users-error' }), this.usersTask.error, () => this.usersTask.run());
    if (this.tokenTask.status === TaskStatus.ERROR)
      return renderError(msg('Signing in failed.', { id: 'demo.token-error' }), this.tokenTask.error, () => this.tokenTask.run());
    const getToken = this.tokenTask.value;
    if (!getToken || this.tokenTask.status === TaskStatus.PENDING)
      return html`<p class="state" role="status">${msg('Signing in…', { id: 'demo.signing-in' })}</p>`;
    const user = this.usersTask.value?.find((u) => u.id === this.userId);
    const prices = user !== undefined && can(user, 'prices.view');
    const audit = user !== undefined && can(user, 'audit.read');
    return html`<services-provider .getToken=${getToken}>
      <main @domain-added=${this.refreshCounts} @services-added=${this.refreshCounts} @service-cancelled=${this.refreshCounts}>
        <tenant-table skip-to="booked-services" .selectedId=${this.tenantId}
          @tenant-select=${(e: HTMLElementEventMap['tenant-select']) => (this.tenantId = e.detail.tenantId)}></tenant-table>
        <booked-services id="booked-services" .tenantId=${this.tenantId}></booked-services>
      </main>
      ${prices || audit
        ? html`<div class="more">
            ${prices ? html`<usage-statement></usage-statement>` : nothing}
            ${audit ? html`<audit-log></audit-log>` : nothing}
          </div>`
        : nothing}
    </services-provider>`;
  }
}

customElements.define('demo-app', DemoApp);
