import { str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { CatalogService, Me } from '../../domain/api.js';
import type { Currency, ServiceCode } from '../../domain/catalog.js';
import { formatMoney } from '../../domain/money.js';
import { serviceLabel } from '../i18n/labels.js';
import { getFormatLocale, msg } from '../i18n/localization.js';
import { pricePreview } from './price-rows.js';

export function formatPrice(minor: number, currency: Currency): string {
  return formatMoney(minor, currency, getFormatLocale());
}

/**
 * The monthly price per user of each service, in the tenant's currency (`pricePreview`):
 * only for callers who may see prices, and only where the catalogue has a price.
 */
export function renderPricePreview(services: readonly ServiceCode[], catalog: readonly CatalogService[], currency: Currency, me: Me): TemplateResult | typeof nothing {
  const preview = pricePreview(services, catalog, currency, me);
  if (!preview) return nothing;
  const { rows, sum } = preview;
  return html`<section part="price-preview" aria-labelledby="price-heading">
    <h4 id="price-heading" part="price-heading">${msg('Price preview: estimates per user and month', { id: 'price.heading' })}</h4>
    <table part="price-table">
      <thead>
        <tr part="header-row">
          <th part="header-cell" scope="col">${msg('Service', { id: 'services.service' })}</th>
          <th part="header-cell" scope="col" class="number">${msg(str`Per user and month (${currency})`, { id: 'price.per-user' })}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((row) => html`<tr part="row">
          <th part="cell" scope="row">${serviceLabel(row.code)} <span class="code">${row.code}</span></th>
          <td part="cell" class="number">${row.price === undefined ? '–' : formatPrice(row.price, currency)}</td>
        </tr>`)}
      </tbody>
      <tfoot>
        <tr part="row total-row">
          <th part="cell" scope="row">${msg('A user of every service', { id: 'price.sum' })}</th>
          <td part="cell" class="number">${formatPrice(sum, currency)}</td>
        </tr>
      </tfoot>
    </table>
    <p part="price-note" class="hint">
      ${msg('Estimates, not an offer: each service is billed per user counted for it and month, from the day it is deployed, before any discount.', { id: 'price.note' })}
    </p>
  </section>`;
}
