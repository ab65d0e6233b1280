/**
 * The offer as a PDF (pdfkit): header with seppmail.cloud and the tenant's partner, the tenant,
 * the offer's number, date and validity, one table row per domain and service (named in the
 * offer's language, as the elements name it), the monthly total with the VAT sentence of its
 * currency (domain/catalog.ts), and the note that it orders nothing, all in the offer's language
 * with its locale's dates and amounts; discount reasons are the user's text and stay as given. The same offer always gives the same bytes: the document's dates and file ID come
 * from the offer, not from the clock.
 */
import PDFDocument from 'pdfkit';
import { vatNote } from '../../domain/catalog.js';
import { formatMoney } from '../../domain/money.js';
import type { OfferLanguage } from '../../domain/api.js';
import { OFFER_TEXTS, type OfferTexts } from './offer-texts.js';
import { linesOf, offerDateOf, type OfferRow } from '../repositories/offer.repository.js';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER_Y = A4.height - MARGIN + 12;
const COLOR = { text: '#1f2933', muted: '#5f6b7a', rule: '#c9d1da', brand: '#0b5cad' };

/** Table columns: width in points, and whether figures align right. */
const COLUMNS = [
  { key: 'domain', width: 95, right: false },
  { key: 'service', width: 125, right: false },
  { key: 'users', width: 55, right: true },
  { key: 'unitPrice', width: 70, right: true },
  { key: 'discount', width: 70, right: true },
  { key: 'monthlyTotal', width: CONTENT_WIDTH - 95 - 125 - 55 - 70 - 70, right: true },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const CELL_GAP = 6;

/**
 * The standard PDF fonts encode WinAnsi only: Intl's narrow no-break space (fr-CH groups
 * digits with it) has no glyph there, the no-break space has.
 */
function printable(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}

function formatDate(isoDate: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** `offer-OF-2026-000123.pdf`: the offer number names the file. */
export function offerFileName(row: OfferRow): string {
  return `offer-${row.number}.pdf`;
}

export async function renderOfferPdf(row: OfferRow): Promise<Buffer> {
  const language: OfferLanguage = row.language in OFFER_TEXTS ? (row.language as OfferLanguage) : 'en';
  const t: OfferTexts = OFFER_TEXTS[language];
  const money = (minor: bigint | number) => printable(formatMoney(minor, row.currency, t.locale));
  const number = (n: number) => printable(new Intl.NumberFormat(t.locale).format(n));
  const created = new Date(row.created_at);

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: t.locale,
    info: { Title: `${t.title} ${row.tenant_name}`, Author: row.partner_name, Subject: row.number, CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Header: the brand on the left, the tenant's partner on the right.
  doc.font('Helvetica-Bold').fontSize(16).fillColor(COLOR.brand).text('seppmail.cloud', MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted).text(printable(t.issuedBy(row.partner_name)), MARGIN, MARGIN + 4, { width: CONTENT_WIDTH, align: 'right' });
  doc.moveTo(MARGIN, MARGIN + 26).lineTo(A4.width - MARGIN, MARGIN + 26).strokeColor(COLOR.rule).lineWidth(1).stroke();

  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLOR.text).text(t.title, MARGIN, MARGIN + 44);
  doc.moveDown(0.6);
  const facts: [string, string][] = [
    [t.tenant, row.tenant_name],
    [t.tenantId, row.tenant_id],
    [t.offerNumber, row.number],
    [t.offerDate, formatDate(offerDateOf(row), t.locale)],
    [t.validUntil, formatDate(row.valid_until, t.locale)],
    [t.preparedBy, row.created_by_name],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).fillColor(COLOR.muted).text(printable(label), MARGIN, y, { width: 120 });
    doc.font('Helvetica').fillColor(COLOR.text).text(printable(value), MARGIN + 125, y, { width: CONTENT_WIDTH - 125 });
  }
  doc.moveDown(1.5);

  // The table, its header repeated on every page it runs on to.
  const header: Record<ColumnKey, string> = {
    domain: t.domain,
    service: t.service,
    users: t.users,
    unitPrice: t.unitPrice,
    discount: t.discount,
    monthlyTotal: t.monthlyTotal,
  };
  const rowHeight = (cells: Record<ColumnKey, string>, font: string) => {
    doc.font(font).fontSize(9);
    return Math.max(...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.width - CELL_GAP })));
  };
  const drawRow = (cells: Record<ColumnKey, string>, font: string, color: string) => {
    const top = doc.y;
    const height = rowHeight(cells, font);
    let x = MARGIN;
    doc.font(font).fontSize(9).fillColor(color);
    for (const c of COLUMNS) {
      doc.text(cells[c.key], x, top, { width: c.width - CELL_GAP, align: c.right ? 'right' : 'left' });
      x += c.width;
    }
    doc.y = top + height + 5;
    doc.moveTo(MARGIN, doc.y - 2.5).lineTo(A4.width - MARGIN, doc.y - 2.5).strokeColor(COLOR.rule).lineWidth(0.5).stroke();
  };
  const printableHeader = Object.fromEntries(Object.entries(header).map(([k, v]) => [k, printable(v)])) as Record<ColumnKey, string>;
  drawRow(printableHeader, 'Helvetica-Bold', COLOR.muted);
  for (const line of linesOf(row)) {
    const cells: Record<ColumnKey, string> = {
      domain: line.domain,
      service: `${printable(t.serviceNames[line.service] ?? line.name)}\n${line.service}`,
      users: number(line.estimatedUsers),
      unitPrice: money(line.unitMinor),
      discount: line.discountPercent > 0 ? printable(`${number(line.discountPercent)} %${line.discountReason ? ` (${line.discountReason})` : ''}`) : '–',
      monthlyTotal: money(BigInt(line.totalMinor)),
    };
    if (doc.y + rowHeight(cells, 'Helvetica') > FOOTER_Y - 20) {
      doc.addPage();
      drawRow(printableHeader, 'Helvetica-Bold', COLOR.muted);
    }
    drawRow(cells, 'Helvetica', COLOR.text);
  }

  if (doc.y + 110 > FOOTER_Y) doc.addPage();
  doc.moveDown(0.5);
  const totalY = doc.y;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(COLOR.text).text(printable(t.total), MARGIN, totalY, { width: CONTENT_WIDTH / 2 });
  doc.text(money(BigInt(row.total_minor)), MARGIN + CONTENT_WIDTH / 2, totalY, { width: CONTENT_WIDTH / 2 - CELL_GAP, align: 'right' });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted).text(printable(vatNote(row.currency, language)), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted).text(printable(t.usersNote), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fillColor(COLOR.text).text(printable(t.ordersNothing), { width: CONTENT_WIDTH });

  // Page numbers, once the number of pages is known.
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // The footer sits in the bottom margin: without this, pdfkit would start a page for it.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(COLOR.muted);
    doc.text(printable(`${t.title} ${row.number}`), MARGIN, FOOTER_Y, { width: (CONTENT_WIDTH * 2) / 3, lineBreak: false });
    doc.text(printable(t.page(i + 1, pages.count)), MARGIN + (CONTENT_WIDTH * 2) / 3, FOOTER_Y, { width: CONTENT_WIDTH / 3, align: 'right', lineBreak: false });
  }
  doc.end();
  return finished;
}
