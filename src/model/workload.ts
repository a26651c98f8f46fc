/**
 * A workload: the set of pods behind one proxy configuration, derived from Deployments,
 * StatefulSets, DaemonSets, Pods and Services (or declared directly in a TestSuite).
 */
export type PortProtocol = 'HTTP' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS' | 'HTTPS' | 'UNKNOWN';

export interface WorkloadPort {
  /** The port a caller addresses (the Service port, or the container port when no Service). */
  port: number;
  /** The container port behind it: what `portLevelMtls` and `ports` in policies name. */
  targetPort: number;
  /** From the Service port name prefix (`http-…`) or `appProtocol`; UNKNOWN is sniffed. */
  protocol: PortProtocol;
  name?: string;
}

export type ProxyKind = 'sidecar' | 'gateway' | 'none';

export interface Workload {
  namespace: string;
  name: string;
  serviceAccount: string;
  labels: Record<string, string>;
  ports: WorkloadPort[];
  /** Whether an Istio sidecar (or gateway proxy) runs beside it. */
  proxy: ProxyKind;
  ip?: string;
  /** `Deployment foo/bar` etc., when derived from a manifest. */
  origin?: string;
}

/** True when HTTP filters (and so HTTP attributes and JWT) apply on this port; `https-` ports are TLS passthrough, so TCP. */
export function isHttpProtocol(p: PortProtocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC';
}

/** The SPIFFE id a workload's sidecar presents: `spiffe://<td>/ns/<ns>/sa/<sa>`. */
export function spiffeIdOf(w: Pick<Workload, 'namespace' | 'serviceAccount'>, trustDomain: string): string {
  return `spiffe://${trustDomain}/ns/${w.namespace}/sa/${w.serviceAccount}`;
}

/**
 * Gives every workload without an address a pod IP, deterministically in input order:
 * 10.244.x.y, inside 10.0.0.0/8 as most clusters' pod CIDRs are (which is what makes a
 * `source.ip: 10.0.0.0/8` rule admit every pod, spec §9 item 2).
 */
export function assignPodIps(ws: Workload[]): void {
  const used = new Set(ws.map((w) => w.ip).filter((ip): ip is string => ip !== undefined));
  let n = 2;
  for (const w of ws) {
    if (w.ip !== undefined) continue;
    let ip: string;
    do {
      ip = `10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`;
      n++;
    } while (used.has(ip));
    w.ip = ip;
    used.add(ip);
  }
}
