/**
 * The protocol Istio gives a Service port (istio/istio `pkg/config/kube/conversion.go`
 * `ConvertProtocol`, `pkg/config/protocol/instance.go` `Parse`):
 * - `appProtocol` wins over the port name; the Kubernetes names `kubernetes.io/h2c` (HTTP2),
 *   `kubernetes.io/ws` (HTTP) and `kubernetes.io/wss` (HTTPS) are understood;
 * - otherwise the port name's prefix before the first `-`, case-insensitive (`http-web` → HTTP);
 *   `grpc-web` is checked before the split;
 * - unknown names are sniffed (UNKNOWN), except the well-known server-first ports 25, 53, 3306
 *   and 27017, which are plain TCP.
 * meshward's port model has no Mongo/Redis/MySQL: they are TCP for authorization purposes.
 * gRPC-Web is carried over HTTP (Istio's `IsHTTP`), so it maps to GRPC.
 */
import type { PortProtocol } from '../../model/workload.js';

const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

function parse(name: string): PortProtocol | undefined {
  switch (name.toLowerCase()) {
    case 'http':
    case 'http_proxy':
      return 'HTTP';
    case 'http2':
      return 'HTTP2';
    case 'grpc':
    case 'grpc-web':
      return 'GRPC';
    case 'https':
      return 'HTTPS';
    case 'tls':
      return 'TLS';
    case 'tcp':
    case 'mongo':
    case 'mysql':
    case 'redis':
      return 'TCP';
    default:
      return undefined;
  }
}

/** Protocol of a Service port from its number, name and `appProtocol`. */
export function servicePortProtocol(port: number, name: string | undefined, appProtocol: string | undefined): PortProtocol {
  let label = name ?? '';
  if (appProtocol !== undefined) {
    label = appProtocol;
    if (label === 'kubernetes.io/h2c') return 'HTTP2';
    if (label === 'kubernetes.io/ws') return 'HTTP';
    if (label === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (label.slice(0, 8).toLowerCase() === 'grpc-web') return 'GRPC';
  const dash = label.indexOf('-');
  const p = parse(dash >= 0 ? label.slice(0, dash) : label);
  if (p) return p;
  return WELL_KNOWN_TCP_PORTS.has(port) ? 'TCP' : 'UNKNOWN';
}
