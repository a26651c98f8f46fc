/** A parsed TestSuite (shared/spec/test-suite.md), with the source of every case for messages. */
import type { MeshConfig } from '../model/mesh.js';
import type { Resource } from '../model/resources.js';
import type { SourceRef } from '../model/source.js';
import type { Workload } from '../model/workload.js';

export type Expectation = 200 | 400 | 401 | 403 | 'reset';

export interface SuiteIssuer {
  issuer: string;
  jwksUri?: string;
  /** Public JWKS JSON (from the file named by `jwks`). */
  jwksJson?: string;
  generate?: 'RS256' | 'ES256' | 'EdDSA';
  /** PEM text of the private key (from the file named by `privateKey`). */
  privateKeyPem?: string;
  kid?: string;
}

export interface SuiteToken {
  in?: { header?: string; prefix?: string; query?: string; cookie?: string };
  issuer?: string;
  claims?: Record<string, unknown>;
  expiresIn?: number;
  notBeforeIn?: number;
  raw?: string;
}

export interface SuiteCase {
  name: string;
  from: { workload: string } | { ip: string };
  plaintext: boolean;
  sourceIp?: string;
  to: { namespace: string; name: string; port: number };
  request?: { method?: string; path?: string; host?: string; headers: [string, string][]; sni?: string };
  token?: SuiteToken;
  expect: Expectation;
  expectPolicy?: string;
  /** meshward extension: the exact response body (`RBAC: access denied`, Envoy's jwt_authn message). */
  expectBody?: string;
  expectShadow?: { policy: string; result: 'allowed' | 'denied' };
  /** A known divergence: the case runs and is reported, but does not fail the suite. */
  todo?: string;
  /** Path of the case inside the suite document, for locate(). */
  index: number;
}

export interface TestSuite {
  name: string;
  file: string;
  source: SourceRef;
  mesh: MeshConfig;
  /** Seconds since the epoch used as "now" for tokens; the wall clock when absent. */
  now?: number;
  resources: Resource[];
  workloads: Workload[];
  issuers: SuiteIssuer[];
  cases: SuiteCase[];
  /** Resources istiod would refuse: left out of the mesh, reported with the results. */
  rejected: { resource: string; reason: string }[];
}
