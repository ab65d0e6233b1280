/**
 * Type test (tsc checks it; nothing runs): the types openapi-typescript generates from the
 * served document (bff/openapi/generated-types.ts, kept current by openapi-tooling.test.ts)
 * are domain/api.ts's wire types, for the schemas and for a few operations' answers.
 */
import type { components, operations } from '../../bff/openapi/generated-types.js';
import type * as Api from '../../domain/api.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Schemas = components['schemas'];
type Json<Op extends keyof operations, Status extends keyof operations[Op]['responses']> = operations[Op]['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

export type GeneratedTypesMatch = [
  Assert<Equal<Schemas['Tenant'], Api.Tenant>>,
  Assert<Equal<Schemas['TenantSummary'], Api.TenantSummary>>,
  Assert<Equal<Schemas['ManagedDomain'], Api.ManagedDomain>>,
  Assert<Equal<Schemas['BookedService'], Api.BookedService>>,
  Assert<Equal<Schemas['Me'], Api.Me>>,
  Assert<Equal<Schemas['Offer'], Api.Offer>>,
  Assert<Equal<Schemas['UsageStatement'], Api.UsageStatement>>,
  Assert<Equal<Schemas['Problem'], Api.Problem>>,
  Assert<Equal<Json<'getTenant', 200>, Api.Tenant>>,
  Assert<Equal<Json<'listTenants', 200>, Api.TenantPage>>,
  Assert<Equal<Json<'listTenantDomains', 200>, Api.ManagedDomain[]>>,
  Assert<Equal<Json<'createOffer', 201>, Api.Offer>>,
  Assert<Equal<Json<'listPartners', 200>, Api.Partner[]>>,
];
