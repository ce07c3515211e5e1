import type { IncomingHttpHeaders } from 'node:http';

/**
 * Names a request may carry in its `Host` header without `--allow-host`: the loopback
 * addresses and `localhost`. A DNS-rebinding page reaches 127.0.0.1 under a name of its own
 * (`rebind.attacker.example`), which its `Host` header still carries: refusing every other
 * name keeps web pages the developer visits away from the local cloud.
 */
const LOOPBACK_HOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/** Why a request was refused, for a 403 in the refusing server's own error shape. */
export interface HostPolicyRefusal {
  readonly reason: 'host' | 'origin';
  readonly message: string;
}

export interface LocalHostPolicyProps {
  /**
   * More host names (or `host:port`) to accept, for a local cloud reached through a name of the
   * developer's own (`--allow-host`). Compared case-insensitively.
   * @default - loopback names only
   */
  readonly allowedHosts?: readonly string[];
}

/**
 * Decides whether a request may talk to a local server (the endpoint, the timeline page):
 * only with a loopback `Host` (or one allowed by name), and, when a browser says where the
 * request comes from (`Origin`), only from a page served on loopback itself.
 *
 * @example
 * const policy = new LocalHostPolicy({ allowedHosts: ['devbox.internal'] });
 * policy.check({ host: 'rebind.attacker.example' }); // { reason: 'host', ... }
 * policy.check({ host: '127.0.0.1:4566' });          // undefined: allowed
 */
export class LocalHostPolicy {
  private readonly allowedNames: ReadonlySet<string>;
  private readonly allowedHostPorts: ReadonlySet<string>;

  constructor(props: LocalHostPolicyProps = {}) {
    const extra = (props.allowedHosts ?? []).map((host) => host.trim().toLowerCase()).filter(Boolean);
    this.allowedNames = new Set([...LOOPBACK_HOST_NAMES, ...extra.filter((host) => splitHost(host).port === '')]);
    this.allowedHostPorts = new Set(extra.filter((host) => splitHost(host).port !== ''));
  }

  /** `undefined` when the request may proceed, else why it may not. */
  check(headers: IncomingHttpHeaders): HostPolicyRefusal | undefined {
    const host = headers.host;
    // No Host at all is not a browser (browsers always send one): HTTP/1.0 tools may omit it.
    if (host !== undefined && !this.allowsHost(host)) {
      return {
        reason: 'host',
        message: `host '${truncate(host)}' is not a local name; the local cloud answers 127.0.0.1, localhost and [::1] (add names with --allow-host)`,
      };
    }
    const origin = headers.origin;
    if (origin !== undefined && !this.allowsOrigin(origin)) {
      return {
        reason: 'origin',
        message: `requests from web pages of origin '${truncate(origin)}' are refused; only pages served on loopback may call the local cloud`,
      };
    }
    return undefined;
  }

  private allowsHost(hostHeader: string): boolean {
    const normalized = hostHeader.trim().toLowerCase();
    if (this.allowedHostPorts.has(normalized)) return true;
    const { name, port } = splitHost(normalized);
    if (port !== '' && !/^\d{1,5}$/.test(port)) return false;
    return this.allowedNames.has(name);
  }

  private allowsOrigin(origin: string): boolean {
    // `Origin: null` comes from sandboxed frames and file: pages, which any web page can open.
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return this.allowsHost(url.host);
  }
}

/** `name` and `port` of a Host value (`[::1]:4566` → `[::1]`, `4566`). */
function splitHost(host: string): { readonly name: string; readonly port: string } {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return { name: host, port: '' };
    const rest = host.slice(close + 1);
    return { name: host.slice(0, close + 1), port: rest.startsWith(':') ? rest.slice(1) : rest };
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? { name: host, port: '' } : { name: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** Header values echoed in messages are cut short: they come from the (possibly hostile) caller. */
function truncate(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
