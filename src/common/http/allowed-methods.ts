import type { Request } from 'express';
import { METHODS } from 'node:http';

/** The parts of an Express 5 router layer read here. */
interface RouteLayer {
  readonly route?: { readonly methods: Readonly<Record<string, boolean>> };
  readonly matchers?: readonly ((path: string) => unknown)[];
}

interface RoutedApp {
  readonly router?: { readonly stack?: readonly RouteLayer[] };
}

/**
 * The methods the routes matching this path answer, in upper case (HEAD wherever GET is, as
 * Express answers it), or none when no route has the path. Lets a known path with the wrong
 * method be a 405 with `Allow` (RFC 9110) instead of a 404. Only called on a miss, so the walk
 * over the routes costs nothing on the hot path.
 */
export function allowedMethods(req: Request): string[] {
  const stack = (req.app as unknown as RoutedApp).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || isMiddleware(layer.route.methods)) continue;
    if (!layer.matchers?.some((match) => match(req.path))) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled) methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

/** Nest mounts route-scoped middleware (logging, metrics) on every method: not a route. */
function isMiddleware(methods: Readonly<Record<string, boolean>>): boolean {
  return methods._all === true || METHODS.every((method) => methods[method.toLowerCase()]);
}
