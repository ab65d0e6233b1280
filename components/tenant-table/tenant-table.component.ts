import { str } from '@lit/localize';
import { localized, msg } from '../i18n/localization.js';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import type { SortOrder, TenantPage, TenantSortKey, TenantSummary } from '../../domain/api.js';
import { can } from '../../domain/roles.js';
import { ApiElement } from '../api/api-element.js';
import { ApiError } from '../api/transport.js';
import { type LiveMode, LiveUpdatesController } from '../api/live-updates.js';
import { emit } from '../events.js';
import { formatNumber } from '../i18n/format.js';
import { Caller } from '../internal/caller.js';
import { pencilIcon } from '../internal/icons.js';
import { LazyElement, renderLoadState } from '../internal/nested.js';
import { renderError, renderLoading, renderRefreshButton } from '../internal/states.js';
import { styles } from './tenant-table.styles.js';

// The types its properties and events name, so that a host imports them with the element.
export type { AuthRequiredDetail, TenantSavedDetail, TenantSelectDetail } from '../events.js';
export type { SortOrder, TenantSortKey } from '../../domain/api.js';
export type { LiveMode } from '../api/live-updates.js';
export type { TokenGetter } from '../api/transport.js';

const SEARCH_DELAY_MS = 300;

interface Column {
  key: TenantSortKey;
  label: () => string;
  numeric: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: 'name', label: () => msg('Name', { id: 'tenant.name' }), numeric: false },
  { key: 'id', label: () => msg('ID', { id: 'tenant.id' }), numeric: false },
  { key: 'managedDomains', label: () => msg('Managed domains', { id: 'tenant.managed-domains' }), numeric: true },
  { key: 'totalServices', label: () => msg('Total services', { id: 'tenant.total-services' }), numeric: true },
];

/**
 * @summary The tenants the caller may see: searched, sorted and paged by the BFF, with their
 * details in a dialog and, for Sales, a way to add tenants.
 *
 * Choosing a tenant's name fires `tenant-select`, which a host wires to `booked-services`.
 * Each row is one Tab stop, its name; the row's pencil is reached with the arrow keys (a
 * pointer clicks it, a screen reader finds it in the cell). With `skip-to` set, a "Skip the
 * tenant list" button comes first, hidden until it has the focus, and moves the focus past the
 * list to that element.
 *
 * Live: while it is on the page it listens to the BFF's changes (one stream per page and
 * user, shared with the other elements) and loads its current page again, quietly, shortly
 * after a tenant in the caller's scope changed; `live="off"` stops that. Refresh data stays.
 *
 * @slot actions - Extra buttons for the toolbar, before "Add new tenant".
 *
 * @fires tenant-select - A tenant was chosen; `detail: {tenantId, name}`.
 * @fires tenant-saved - A tenant was added or edited in the dialog; `detail: {tenant, created}`.
 * @fires auth-required - The BFF refused a request with 401: `detail: {method, url, path, status, problem, retry(signedIn?)}`; `retry()` after signing in again sends it once more with a new token.
 *
 * @csspart skip-link - "Skip the tenant list", first, shown only while it has the focus; rendered when `skip-to` is set.
 * @csspart toolbar - The heading and the buttons above the table.
 * @csspart heading - The "Tenants" heading.
 * @csspart add-button - "Add new tenant".
 * @csspart refresh-button - "Refresh data".
 * @csspart search - The search label and box.
 * @csspart search-label - The search box's label.
 * @csspart search-input - The search box.
 * @csspart table - The table.
 * @csspart header-row - The row of column headers.
 * @csspart header-cell - A column header.
 * @csspart sort-button - The button in a column header that sorts by it.
 * @csspart row - A tenant's row; also `row-selected` on the chosen one.
 * @csspart cell - A cell.
 * @csspart name-button - The tenant's name, which selects it.
 * @csspart edit-button - The pencil that opens the tenant's details; not a Tab stop of its own (ArrowRight from the name).
 * @csspart pager - Paging buttons and the range.
 * @csspart previous-button - Previous page.
 * @csspart next-button - Next page.
 * @csspart range - "1–25 of 63" (or "of about 12,400" when the BFF estimates the total), announced politely.
 * @csspart empty - The message when no tenant matches.
 * @csspart loading - The loading message.
 * @csspart error - The panel when the tenants could not be loaded, with its Retry button.
 * @csspart editor - The `tenant-editor` dialog; its own parts are exported with an `editor-` prefix. Its code
 *   loads when it is first opened, and it is rendered by the tag its class is registered under.
 * @csspart dialog-loading - Says that the editor is loading, the first time it is opened.
 *
 * @cssprop --sc-tenant-table-selected-background - The background of the chosen tenant's row.
 * @keyboard Tab - With `skip-to` set, stops first at "Skip the tenant list" (Enter or Space moves the focus to the `skip-to` element); then the toolbar, the search box, the column headers, one stop per tenant (its name) and the pager.
 * @keyboard Enter - In the search box, searches at once (typing searches after a short pause).
 * @keyboard Enter, Space - On a column header's button, sorts by that column; again, in the other direction.
 * @keyboard Enter, Space - On a tenant's name, selects it (`tenant-select`, as a click does); on its pencil, opens its details, and Escape closes them with the focus back on the pencil.
 * @keyboard ArrowRight, ArrowLeft - In a tenant's row, from its name to its pencil and back.
 * @tagname tenant-table
 */
@localized()
export class TenantTable extends ApiElement {
  static override styles = styles;

  /** Tenants per page (the BFF may cap it). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** The column the list is sorted by: `name`, `id`, `managedDomains` or `totalServices`. */
  @property({ reflect: true }) sort: TenantSortKey = 'name';

  /** The sort direction, `asc` or `desc`. */
  @property({ reflect: true }) order: SortOrder = 'asc';

  /** The chosen tenant's ID: set when the person picks a tenant, or by the host. */
  @property({ attribute: 'selected-id' }) selectedId?: string;

  /**
   * Where "Skip the tenant list" moves the focus: the ID, or else a CSS selector, of an element
   * in the same document (or shadow root) as this one; unset: no skip link. A `booked-services`
   * takes the focus at its heading; an element that cannot take the focus gets `tabindex="-1"`.
   */
  @property({ attribute: 'skip-to' }) skipTo?: string;

  /** `off` stops the live updates: the page then changes only on Refresh data, search, sort or paging. */
  @property() live: LiveMode = 'on';

  /** The search applied, by name, ID or domain. */
  @state() private query = '';
  /** The page asked for: the BFF's `next` or `prev` cursor; none for the first page. */
  @state() private cursor?: string;
  /**
   * Where the asked-for page starts, counted here: a cursor page's cost does not depend on its
   * depth because the BFF never counts the rows before it (docs/architecture.md#the-tenant-list-at-scale).
   */
  @state() private position = 0;
  /** The tenant open in the dialog (`null` adds a new one), and the button to refocus after. */
  @state() private editing?: { tenantId: string | null; trigger: HTMLElement };

  private searchTimer?: ReturnType<typeof setTimeout>;

  private readonly caller = new Caller(this, () => this.client);

  private readonly pageTask = new Task(this, {
    // The page with where it starts, so that the range changes together with the rows.
    task: async ([client, q, sort, order, limit, cursor, position], { signal }): Promise<{ page: TenantPage; start: number }> => {
      let page: TenantPage;
      try {
        page = await client.tenants({ q, sort, order, limit, cursor }, signal);
      } catch (error) {
        // A cursor the BFF no longer takes (an upgrade, say): start again from the first page.
        if (cursor === undefined || !(error instanceof ApiError) || !error.errors.some((e) => e.code === 'cursor-invalid')) throw error;
        page = await client.tenants({ q, sort, order, limit }, signal);
      }
      // The first page has no `prev`, however it was reached.
      return { page, start: page.offset ?? (page.prev === null ? 0 : position) };
    },
    args: () => [this.client, this.query, this.sort, this.order, this.pageSize, this.cursor, this.position] as const,
  });

  /** Any change of a tenant may change its row, the counts, the order or the total. */
  private readonly liveUpdates = new LiveUpdatesController(this, {
    client: () => (this.live === 'off' ? undefined : this.client),
    concerns: (change) => change.tenantId !== null,
    reload: () => this.pageTask.run(),
  });

  /** Loads the current page again. */
  refresh(): void {
    void this.pageTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private sortBy(key: TenantSortKey): void {
    this.order = this.sort === key && this.order === 'asc' ? 'desc' : 'asc';
    this.sort = key;
    this.firstPage();
  }

  private firstPage(): void {
    this.cursor = undefined;
    this.position = 0;
  }

  /** Follows the answer's `next` or `prev`; the range counts along. */
  private turn({ page, start }: { page: TenantPage; start: number }, direction: 'next' | 'prev'): void {
    const cursor = page[direction];
    if (cursor === null) return;
    this.position = direction === 'next' ? start + page.items.length : Math.max(0, start - page.limit);
    this.cursor = cursor;
  }

  private search(value: string): void {
    clearTimeout(this.searchTimer);
    if (value.trim() === this.query) return;
    this.query = value.trim();
    this.firstPage();
  }

  private onSearchInput(event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.search(value), SEARCH_DELAY_MS);
  }

  private onSearchKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.search((event.target as HTMLInputElement).value);
  }

  /** "Skip the tenant list": the focus to `skip-to`, by ID, else by selector, in this element's document or shadow root. */
  private skip(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const to = this.skipTo ?? '';
    let target = root.getElementById(to);
    try {
      target ??= root.querySelector(to);
    } catch {
      /* not a selector either */
    }
    if (!(target instanceof HTMLElement)) return;
    target.focus();
    if (!target.contains(root.activeElement)) {
      target.tabIndex = -1;
      target.focus();
    }
  }

  /** ArrowLeft and ArrowRight move between a row's name and its pencil. */
  private onRowKeydown(event: KeyboardEvent): void {
    const button = (event.currentTarget as HTMLElement).querySelectorAll('button')[['ArrowLeft', 'ArrowRight'].indexOf(event.key)];
    if (!button) return;
    event.preventDefault();
    button.focus();
  }

  private select(tenant: TenantSummary): void {
    this.selectedId = tenant.id;
    emit(this, 'tenant-select', { tenantId: tenant.id, name: tenant.name });
  }

  /** The tenant editor, loaded when it is first opened (dynamic `import()`), then kept. */
  private readonly editor = new LazyElement(this, 'tenant-editor', () => import('../tenant-editor/tenant-editor.component.js'), 'TenantEditor');

  private openEditor(tenantId: string | null, event: Event): void {
    this.editing = { tenantId, trigger: event.currentTarget as HTMLElement };
    void this.editor.load();
  }

  private onEditorClose(): void {
    const trigger = this.editing?.trigger;
    this.editing = undefined;
    trigger?.focus();
  }

  private get canEdit(): boolean {
    return this.caller.me !== undefined && can(this.caller.me, 'tenant.edit');
  }

  override render(): TemplateResult {
    const me = this.caller.me;
    return html`
      ${this.skipTo
        ? html`<button part="skip-link" class="button skip" type="button" @click=${this.skip}>${msg('Skip the tenant list', { id: 'tenants.skip' })}</button>`
        : nothing}
      <div part="toolbar" class="toolbar">
        <h2 id="heading" part="heading" class="heading grow">${msg('Tenants', { id: 'tenants.heading' })}</h2>
        <slot name="actions"></slot>
        ${me && can(me, 'tenant.add')
          ? html`<button part="add-button" class="button primary" type="button" @click=${(e: Event) => this.openEditor(null, e)}>
              ${msg('Add new tenant', { id: 'tenants.add' })}
            </button>`
          : nothing}
        ${renderRefreshButton(() => this.refresh())}
      </div>
      <div part="search" class="toolbar search">
        <label part="search-label" for="search">${msg('Search by name, ID or domain', { id: 'tenants.search' })}</label>
        <input part="search-input" id="search" type="search" autocomplete="off"
          @input=${this.onSearchInput} @keydown=${this.onSearchKeydown} @search=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
      </div>
      ${this.renderContent()}
      ${this.renderPager()}
      ${this.editing ? renderLoadState(this.editor, msg('Loading tenant details…', { id: 'tenant-editor.loading' }), msg('The tenant could not be loaded.', { id: 'tenant-editor.load-error' })) : nothing}
      ${this.renderEditor()}
    `;
  }

  private renderEditor(): TemplateResult | typeof nothing {
    const tag = this.editor.tag;
    return tag
      ? staticHtml`<${tag} part="editor" exportparts=${EDITOR_PARTS}
          .tenantId=${this.editing?.tenantId ?? undefined} .open=${this.editing !== undefined}
          @tenant-editor-close=${this.onEditorClose} @tenant-saved=${() => this.refresh()}></${tag}>`
      : nothing;
  }

  private renderContent(): TemplateResult {
    const page = this.pageTask.value?.page;
    if (this.pageTask.status === TaskStatus.ERROR)
      return renderError(msg('The tenants could not be loaded.', { id: 'tenants.load-error' }), this.pageTask.error, () => this.refresh());
    if (!page) return renderLoading(msg('Loading tenants…', { id: 'tenants.loading' }));
    if (page.items.length === 0) {
      return html`<div part="empty" class="state">
        ${this.query
          ? html`<p>${msg(str`No tenants match “${this.query}”.`, { id: 'tenants.empty-search' })}</p>
              <p>${msg('Check the spelling, or search for a tenant ID or a domain name.', { id: 'tenants.empty-search-next' })}</p>`
          : html`<p>${msg('There are no tenants yet.', { id: 'tenants.empty' })}</p>`}
      </div>`;
    }
    const editable = this.canEdit;
    return html`<table part="table" aria-labelledby="heading" aria-busy=${this.pageTask.status === TaskStatus.PENDING && !this.liveUpdates.reloading ? 'true' : 'false'}>
      <thead>
        <tr part="header-row">
          ${COLUMNS.map((column) => this.renderHeader(column))}
          <th part="header-cell" scope="col"><span class="visually-hidden">${msg('Actions', { id: 'common.actions' })}</span></th>
        </tr>
      </thead>
      <tbody>
        ${repeat(page.items, (tenant) => tenant.id, (tenant) => html`<tr part=${tenant.id === this.selectedId ? 'row row-selected' : 'row'}
            class=${tenant.id === this.selectedId ? 'selected' : ''} @keydown=${this.onRowKeydown}>
            <th part="cell" scope="row">
              <button part="name-button" class="link" type="button" @click=${() => this.select(tenant)}>${tenant.name}</button>
            </th>
            <td part="cell" class="code">${tenant.id}</td>
            <td part="cell" class="number">${formatNumber(tenant.managedDomains)}</td>
            <td part="cell" class="number">${formatNumber(tenant.totalServices)}</td>
            <td part="cell" class="actions">
              ${this.caller.me === undefined
                ? nothing /* Edit or show depends on the caller's roles: wait for them. */
                : html`<button part="edit-button" class="icon-button" type="button" tabindex="-1" @click=${(e: Event) => this.openEditor(tenant.id, e)}
                    aria-label=${editable
                      ? msg(str`Edit details of ${tenant.name}`, { id: 'tenants.edit' })
                      : msg(str`Show details of ${tenant.name}`, { id: 'tenants.show' })}>
                    ${pencilIcon}
                  </button>`}
            </td>
          </tr>`)}
      </tbody>
    </table>`;
  }

  private renderHeader(column: Column): TemplateResult {
    const sorted = this.sort === column.key;
    const ariaSort = sorted ? (this.order === 'asc' ? 'ascending' : 'descending') : nothing;
    return html`<th part="header-cell" scope="col" class=${column.numeric ? 'number' : ''} aria-sort=${ariaSort}>
      <button part="sort-button" class="sort" type="button" @click=${() => this.sortBy(column.key)}>
        ${column.label()}<span class="sort-indicator" aria-hidden="true">${sorted ? (this.order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>`;
  }

  private renderPager(): TemplateResult {
    const loaded = this.pageTask.value;
    const page = loaded?.page;
    const start = loaded?.start ?? 0;
    const first = formatNumber(start + 1);
    const last = formatNumber(start + (page?.items.length ?? 0));
    const total = formatNumber(page?.total ?? 0);
    const range = !page
      ? ''
      : page.total === 0 && page.items.length === 0
        ? msg('No tenants', { id: 'tenants.range-none' })
        : page.totalIsEstimate
          ? msg(str`${first}–${last} of about ${total}`, { id: 'tenants.range-estimate' })
          : msg(str`${first}–${last} of ${total}`, { id: 'tenants.range' });
    return html`<div part="pager" class="pager">
      <button part="previous-button" class="button" type="button" ?disabled=${!page?.prev}
        @click=${() => loaded && this.turn(loaded, 'prev')}>${msg('Previous page', { id: 'tenants.previous' })}</button>
      <span part="range" role="status">${range}</span>
      <button part="next-button" class="button" type="button" ?disabled=${!page?.next}
        @click=${() => loaded && this.turn(loaded, 'next')}>${msg('Next page', { id: 'tenants.next' })}</button>
    </div>`;
  }
}

const EDITOR_PARTS = [
  'dialog', 'form', 'header', 'title', 'meta', 'body', 'notice', 'field', 'label', 'control', 'field-error',
  'footer', 'cancel-button', 'save-button', 'loading', 'error',
].map((part) => `${part}: editor-${part}`).join(', ');
