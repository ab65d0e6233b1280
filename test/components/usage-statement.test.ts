import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/usage-statement/usage-statement.js';
import type { UsageStatement as UsageStatementData } from '../../components/api/client.js';
import type { UsageStatement } from '../../components/usage-statement/usage-statement.component.js';
import { setLocale } from '../../components/i18n/localization.js';
import { addMonths, todayIn } from '../../domain/dates.js';
import { formatMoney, parseMinor } from '../../domain/money.js';
import { $, $$, apiAs, deepActiveElement, getTokenFor, shadow, text, tokenFor, until, watchFetch, type DemoUserId } from './helpers.js';

const thisMonth = todayIn(new Date()).slice(0, 7);
const lastMonth = addMonths(`${thisMonth}-01`, -1).slice(0, 7);

const money = (amount: string, currency: string) => formatMoney(parseMinor(amount), currency, 'en-CH').replace(/\s+/g, ' ');
const monthName = (month: string) => new Intl.DateTimeFormat('en-CH', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

async function statementAs(user: DemoUserId, attributes: { month?: string; tenantId?: string } = {}): Promise<UsageStatement> {
  return fixture<UsageStatement>(html`<usage-statement .getToken=${await getTokenFor(user)} month=${attributes.month ?? thisMonth}
    tenant-id=${attributes.tenantId ?? ''}></usage-statement>`);
}

/** Waits until the statement (or a state) of `month` shows, and the tenant filter is filled. */
async function loaded(el: UsageStatement, month?: string): Promise<void> {
  await until(() => {
    if ($$(el, '[part="refusal"], [part="error"]').length > 0) return true;
    const summary = shadow(el).querySelector('[part="summary"]');
    return summary && (!month || text(summary).endsWith(monthName(month))) && $$(el, '#tenant option').length > 1;
  }, `the statement${month ? ` of ${month}` : ''}`);
}

function rows(el: UsageStatement): string[][] {
  return $$(el, 'tbody tr').map((row) => [...row.children].map(text));
}

function expectedRows(statement: UsageStatementData): string[][] {
  return statement.lines.map((line) => [
    `${line.tenantName} ${line.tenantId}`,
    line.domain,
    `${$serviceName(line.service)} ${line.service}`,
    monthName(line.month),
    line.quantity.toLocaleString('en'),
    line.discountPercent > 0 ? `${line.discountPercent} (${line.discountReason ?? ''})`.replace(' ()', '') : '–',
    money(line.unitPrice, line.currency),
    money(line.total, line.currency),
  ]);
}

const SERVICE_NAMES: Record<string, string> = {
  'SC-SERVICE': 'seppmail.cloud service license',
  'SC-F-INBOUND': 'seppmail.cloud filter inbound',
  'SC-F-OUTBOUND': 'seppmail.cloud filter outbound',
  'SC-MS365': 'seppmail.cloud Microsoft 365 integration',
  'SC-SIGONLY': 'seppmail.cloud sign-only',
  'SC-SIGENC': 'seppmail.cloud sign+encrypt (includes GINA)',
  'SC-CERT': 'seppmail.cloud certificate',
  'SC-HIN': 'seppmail.cloud HIN integration',
};
const $serviceName = (code: string) => SERVICE_NAMES[code] ?? code;

/** Catches the link that saves a download inside the element, and reads the file behind its object URL. */
function catchSave(el: UsageStatement): Promise<{ fileName: string; content: string }> {
  return new Promise((resolve) => {
    const onClick = async (event: Event) => {
      const link = event.target;
      if (!(link instanceof HTMLAnchorElement) || !link.download) return;
      event.preventDefault();
      shadow(el).removeEventListener('click', onClick, true);
      expect(link.href).to.match(/^blob:/);
      resolve({ fileName: link.download, content: await (await fetch(link.href)).text() });
    };
    shadow(el).addEventListener('click', onClick, true);
  });
}

describe('usage-statement', () => {
  it('shows the lines and the totals per currency of the current month, as the BFF computes them', async () => {
    const el = await statementAs('alpine-sales');
    await loaded(el, thisMonth);
    const statement = await (await apiAs('alpine-sales')).usage({ month: thisMonth });
    expect(statement.lines.length, 'the demo seeds user counts for this month').to.be.greaterThan(0);

    expect($<HTMLInputElement>(el, '#month').type).to.equal('month');
    expect($<HTMLInputElement>(el, '#month').value).to.equal(thisMonth);
    expect($<HTMLSelectElement>(el, '#tenant').value).to.equal('');
    expect($$(el, 'thead th').map(text)).to.deep.equal(['Tenant', 'Domain', 'Service', 'Month', 'Users', 'Discount (%)', 'Unit price', 'Total']);
    expect(rows(el)).to.deep.equal(expectedRows(statement));
    expect($$(el, '[part="total-row"]').map((row) => [...row.children].map(text))).to.deep.equal(
      statement.totals.map(({ currency, total }) => [`Total ${currency}`, money(total, currency)]),
    );
    expect(text($(el, '[part="summary"]'))).to.equal(`${statement.lines.length} lines for ${monthName(thisMonth)}`);
    await expect(el).to.be.accessible();
  });

  it('shows discounts with their reason in brackets', async () => {
    const statement = await (await apiAs('sepp-admin')).usage({ month: lastMonth });
    const discounted = statement.lines.find((line) => line.discountPercent > 0);
    expect(discounted, 'the demo has a discounted service with users').to.not.equal(undefined);
    const el = await statementAs('sepp-admin', { month: lastMonth, tenantId: discounted!.tenantId });
    await loaded(el, lastMonth);
    const own = await (await apiAs('sepp-admin')).usage({ month: lastMonth, tenant: discounted!.tenantId });
    expect(rows(el)).to.deep.equal(expectedRows(own));
    const row = rows(el).find((cells) => cells[1] === discounted!.domain && cells[2]!.endsWith(discounted!.service))!;
    expect(row[5]).to.equal(`${discounted!.discountPercent} (${discounted!.discountReason})`);
  });

  it('changes month and tenant from the keyboard', async () => {
    const api = await apiAs('alpine-sales');
    const el = await statementAs('alpine-sales');
    await loaded(el, thisMonth);

    // The month picker: typing a month and year (Chromium's segments) changes the statement.
    const month = $<HTMLInputElement>(el, '#month');
    month.focus();
    const [year, mm] = lastMonth.split('-');
    await sendKeys({ type: mm! });
    await sendKeys({ type: year! });
    await until(() => el.month === lastMonth, `the month ${lastMonth} (it is ${el.month}, the picker says ${month.value})`);
    await loaded(el, lastMonth);
    expect(rows(el)).to.deep.equal(expectedRows(await api.usage({ month: lastMonth })));

    // The tenant filter: the arrow key picks the first tenant by name.
    const select = $<HTMLSelectElement>(el, '#tenant');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    const tenantId = select.value;
    expect(tenantId).to.not.equal('');
    await until(() => el.tenantId === tenantId, 'the tenant filter');
    const own = await api.usage({ month: lastMonth, tenant: tenantId });
    await until(() => rows(el).length === own.lines.length || (own.lines.length === 0 && $$(el, '[part="empty"]').length > 0), 'the tenant\'s lines');
    expect(rows(el)).to.deep.equal(expectedRows(own));
    expect(deepActiveElement()).to.equal(select);
    await expect(el).to.be.accessible();
  });

  it('downloads CSV and JSON of what it shows, fetched with the token and saved through an object URL', async () => {
    const statement = await (await apiAs('alpine-sales')).usage({ month: lastMonth });
    const tenantId = statement.lines[0]!.tenantId;
    const el = await statementAs('alpine-sales', { month: lastMonth, tenantId });
    await loaded(el, lastMonth);

    const csvResponse = await fetch(`/api/usage?month=${lastMonth}&tenant=${tenantId}`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${await tokenFor('alpine-sales')}` },
    });
    const csv = await csvResponse.text();
    expect(csv.split('\r\n')[0]).to.equal('tenantId,tenantName,domain,service,month,quantity,discountPercent,discountReason,unitPrice,total,currency');

    let saved = catchSave(el);
    $(el, '[part="download-csv-button"]').focus();
    await sendKeys({ press: 'Enter' });
    const csvFile = await saved;
    expect(csvFile.fileName).to.equal(`usage-${lastMonth}-${tenantId}.csv`);
    expect(csvFile.content).to.equal(csv);
    expect(csvFile.content.trim().split('\r\n')).to.have.length(1 + statement.lines.filter((l) => l.tenantId === tenantId).length);
    await until(() => text(shadow(el).querySelector('[part="announcement"]')) === `Downloaded usage-${lastMonth}-${tenantId}.csv.`, 'the announcement');

    saved = catchSave(el);
    $(el, '[part="download-json-button"]').focus();
    await sendKeys({ press: ' ' });
    const jsonFile = await saved;
    expect(jsonFile.fileName).to.equal(`usage-${lastMonth}-${tenantId}.json`);
    expect(JSON.parse(jsonFile.content)).to.deep.equal(await (await apiAs('alpine-sales')).usage({ month: lastMonth, tenant: tenantId }));
    await expect(el).to.be.accessible();
  });

  it('lets a host take the file instead: usage-download is cancelable and carries the blob', async () => {
    const el = await statementAs('alpine-sales', { month: lastMonth });
    await loaded(el, lastMonth);
    const fetches = watchFetch();
    const created: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return createObjectURL(blob);
    };
    try {
      const taken = new Promise<HTMLElementEventMap['usage-download']>((resolve) =>
        el.addEventListener('usage-download', (event) => {
          event.preventDefault();
          resolve(event);
        }, { once: true }),
      );
      $(el, '[part="download-json-button"]').click();
      const event = await taken;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.format).to.equal('json');
      expect(event.detail.fileName).to.equal(`usage-${lastMonth}.json`);
      expect(JSON.parse(await event.detail.blob.text())).to.deep.equal(await (await apiAs('alpine-sales')).usage({ month: lastMonth }));
      await el.updateComplete;
      expect(created, 'no object URL when the host took the file').to.have.length(0);
      expect(fetches.calls.find((c) => c.url.startsWith('/api/usage'))?.init?.headers).to.include({ accept: 'application/json' });
    } finally {
      URL.createObjectURL = createObjectURL;
      fetches.restore();
    }
  });

  it('speaks German: months, numbers and amounts in the locale', async () => {
    await setLocale('de');
    try {
      const el = await statementAs('alpine-sales', { month: lastMonth });
      const statement = await (await apiAs('alpine-sales')).usage({ month: lastMonth });
      const germanMonth = new Intl.DateTimeFormat('de-CH', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${lastMonth}-01T00:00:00Z`));
      await until(() => text(shadow(el).querySelector('[part="summary"]')) === `${statement.lines.length} Positionen für ${germanMonth}`, 'the German summary');
      expect(text($(el, '[part="heading"]'))).to.equal('Nutzungsabrechnung');
      expect($$(el, 'thead th').map(text)).to.deep.equal(['Mandant', 'Domain', 'Dienst', 'Monat', 'Benutzer', 'Rabatt (%)', 'Stückpreis', 'Total']);
      const german = (amount: string, currency: string) => formatMoney(parseMinor(amount), currency, 'de-CH').replace(/\s+/g, ' ');
      expect($$(el, 'tbody tr').map((row) => text(row.lastElementChild))).to.deep.equal(statement.lines.map((l) => german(l.total, l.currency)));
      expect($$(el, '[part="total-amount"]').map(text)).to.deep.equal(statement.totals.map((t) => german(t.total, t.currency)));
      await expect(el).to.be.accessible();
    } finally {
      await setLocale('en');
    }
  });

  it('says when a month has no chargeable usage', async () => {
    const el = await statementAs('alpine-sales', { month: '2001-01' });
    await until(() => $$(el, '[part="empty"]').length > 0, 'the empty state');
    expect(text($(el, '[part="empty"]'))).to.contain('No chargeable usage in January 2001.');
    await expect(el).to.be.accessible();
  });

  it('shows the BFF\'s refusal of a tenant outside the caller\'s scope', async () => {
    const rhein = await (await apiAs('rhein-sales')).tenants({ limit: 1 });
    const el = await statementAs('alpine-sales', { tenantId: rhein.items[0]!.id });
    await until(() => $$(el, '[part="error"]').length > 0, 'the error');
    expect(text($(el, '[part="error"]'))).to.contain('It does not exist, or it is outside what you may see.');
    await expect(el).to.be.accessible();
  });

  for (const user of ['alpine-support', 'tenant-admin'] as const) {
    it(`tells ${user} that only Sales and ALL see prices, and asks the BFF nothing about usage`, async () => {
      const fetches = watchFetch();
      try {
        const el = await statementAs(user);
        await until(() => $$(el, '[part="refusal"]').length > 0, 'the refusal');
        expect(text($(el, '[part="refusal"]'))).to.contain('Only the roles Sales and ALL, at partner or SEPPmail level, see prices and the usage statement.');
        expect($$(el, '[part="table"], [part="download-csv-button"], #month')).to.have.length(0);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(fetches.count(/^\/api\/(usage|tenants)/)).to.equal(0);
        await expect(el).to.be.accessible();
      } finally {
        fetches.restore();
      }
    });
  }
});
