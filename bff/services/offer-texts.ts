/**
 * Every text of the offer PDF, in each language an offer is written in, and the services' names
 * in it. The names are the elements' (xliff/<lang>.xlf, ids `service.<code>`, English from
 * domain/catalog.ts), so that the PDF names a service as the UI does; a test compares them. The
 * VAT sentence under the total is catalogue data: domain/catalog.ts's VAT_NOTES.
 */
import type { OfferLanguage } from '../../domain/api.js';
import { CATALOG, type ServiceCode } from '../../domain/catalog.js';

export interface OfferTexts {
  /** The locale that formats the offer's dates and amounts. */
  locale: string;
  title: string;
  issuedBy: (partner: string) => string;
  tenant: string;
  tenantId: string;
  offerNumber: string;
  offerDate: string;
  validUntil: string;
  preparedBy: string;
  domain: string;
  service: string;
  users: string;
  unitPrice: string;
  discount: string;
  monthlyTotal: string;
  total: string;
  usersNote: string;
  ordersNothing: string;
  page: (n: number, of: number) => string;
  serviceNames: Readonly<Record<ServiceCode, string>>;
}

export const OFFER_TEXTS: Readonly<Record<OfferLanguage, OfferTexts>> = {
  en: {
    locale: 'en-CH',
    title: 'Offer',
    issuedBy: (partner) => `Your seppmail.cloud partner: ${partner}`,
    tenant: 'Customer',
    tenantId: 'Customer ID',
    offerNumber: 'Offer number',
    offerDate: 'Offer date',
    validUntil: 'Valid until',
    preparedBy: 'Prepared by',
    domain: 'Domain',
    service: 'Service',
    users: 'Users',
    unitPrice: 'Price per user and month',
    discount: 'Discount',
    monthlyTotal: 'Per month',
    total: 'Total per month',
    usersNote: 'User numbers are estimates; invoices count the users of each service every month.',
    ordersNothing: 'This offer orders nothing. Services are booked only when they are ordered.',
    page: (n, of) => `Page ${n} of ${of}`,
    serviceNames: Object.fromEntries(CATALOG.map((s) => [s.code, s.name])) as Record<ServiceCode, string>,
  },
  de: {
    locale: 'de-CH',
    title: 'Offerte',
    issuedBy: (partner) => `Ihr seppmail.cloud-Partner: ${partner}`,
    tenant: 'Kunde',
    tenantId: 'Kundennummer',
    offerNumber: 'Offertnummer',
    offerDate: 'Offertdatum',
    validUntil: 'Gültig bis',
    preparedBy: 'Erstellt von',
    domain: 'Domain',
    service: 'Dienst',
    users: 'Benutzer',
    unitPrice: 'Preis pro Benutzer und Monat',
    discount: 'Rabatt',
    monthlyTotal: 'Pro Monat',
    total: 'Total pro Monat',
    usersNote: 'Die Benutzerzahlen sind geschätzt; verrechnet werden jeden Monat die Benutzer jedes Dienstes.',
    ordersNothing: 'Mit dieser Offerte wird nichts bestellt. Dienste werden erst mit einer Bestellung gebucht.',
    page: (n, of) => `Seite ${n} von ${of}`,
    serviceNames: {
      'SC-SERVICE': 'seppmail.cloud Service-Lizenz',
      'SC-F-INBOUND': 'seppmail.cloud Filter eingehend',
      'SC-F-OUTBOUND': 'seppmail.cloud Filter ausgehend',
      'SC-MS365': 'seppmail.cloud Microsoft-365-Integration',
      'SC-SIGONLY': 'seppmail.cloud nur Signatur',
      'SC-SIGENC': 'seppmail.cloud Signatur und Verschlüsselung (mit GINA)',
      'SC-CERT': 'seppmail.cloud Zertifikat',
      'SC-HIN': 'seppmail.cloud HIN-Integration',
    },
  },
  fr: {
    locale: 'fr-CH',
    title: 'Offre',
    issuedBy: (partner) => `Votre partenaire seppmail.cloud : ${partner}`,
    tenant: 'Client',
    tenantId: 'Numéro de client',
    offerNumber: 'Numéro d’offre',
    offerDate: 'Date de l’offre',
    validUntil: 'Valable jusqu’au',
    preparedBy: 'Établie par',
    domain: 'Domaine',
    service: 'Service',
    users: 'Utilisateurs',
    unitPrice: 'Prix par utilisateur et mois',
    discount: 'Rabais',
    monthlyTotal: 'Par mois',
    total: 'Total par mois',
    usersNote: 'Les nombres d’utilisateurs sont estimés ; la facture compte chaque mois les utilisateurs de chaque service.',
    ordersNothing: 'Cette offre ne commande rien. Les services ne sont réservés qu’à la commande.',
    page: (n, of) => `Page ${n} sur ${of}`,
    serviceNames: {
      'SC-SERVICE': 'seppmail.cloud licence de service',
      'SC-F-INBOUND': 'seppmail.cloud filtre entrant',
      'SC-F-OUTBOUND': 'seppmail.cloud filtre sortant',
      'SC-MS365': 'seppmail.cloud intégration Microsoft 365',
      'SC-SIGONLY': 'seppmail.cloud signature seule',
      'SC-SIGENC': 'seppmail.cloud signature et chiffrement (avec GINA)',
      'SC-CERT': 'seppmail.cloud certificat',
      'SC-HIN': 'seppmail.cloud intégration HIN',
    },
  },
  it: {
    locale: 'it-CH',
    title: 'Offerta',
    issuedBy: (partner) => `Il vostro partner seppmail.cloud: ${partner}`,
    tenant: 'Cliente',
    tenantId: 'Numero cliente',
    offerNumber: 'Numero dell’offerta',
    offerDate: 'Data dell’offerta',
    validUntil: 'Valida fino al',
    preparedBy: 'Preparata da',
    domain: 'Dominio',
    service: 'Servizio',
    users: 'Utenti',
    unitPrice: 'Prezzo per utente e mese',
    discount: 'Sconto',
    monthlyTotal: 'Al mese',
    total: 'Totale al mese',
    usersNote: 'Il numero di utenti è stimato; la fattura conta ogni mese gli utenti di ciascun servizio.',
    ordersNothing: 'Questa offerta non ordina nulla. I servizi vengono prenotati solo con un ordine.',
    page: (n, of) => `Pagina ${n} di ${of}`,
    serviceNames: {
      'SC-SERVICE': 'seppmail.cloud licenza di servizio',
      'SC-F-INBOUND': 'seppmail.cloud filtro in entrata',
      'SC-F-OUTBOUND': 'seppmail.cloud filtro in uscita',
      'SC-MS365': 'seppmail.cloud integrazione Microsoft 365',
      'SC-SIGONLY': 'seppmail.cloud solo firma',
      'SC-SIGENC': 'seppmail.cloud firma e cifratura (con GINA)',
      'SC-CERT': 'seppmail.cloud certificato',
      'SC-HIN': 'seppmail.cloud integrazione HIN',
    },
  },
};
