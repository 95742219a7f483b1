import type { RequestHandler } from 'express';
import { labelUnrouted } from '@/infra/metrics/http-metrics.middleware';
import { AppError } from '../errors';

/**
 * Bounds on the shape of a parsed JSON body, far above what any request of the API needs
 * (its deepest body is three levels, its longest array a hundred chat turns). class-transformer
 * copies bodies recursively, so a body nested 50,000 levels deep overflowed the stack (a 500),
 * and a 300,000-item array kept the event loop busy for seconds before validation said no.
 */
export const BODY_LIMITS = {
  maxDepth: 16,
  maxArrayItems: 1_000,
  maxObjectKeys: 1_000,
} as const;

/** Keys that only ever mean prototype tampering; no field of the API has these names. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
}

/**
 * What is wrong with the shape of a JSON body, or undefined. One iterative walk (no recursion,
 * so no stack to exhaust) that stops at the first problem it meets.
 */
export function bodyShapeProblem(
  body: unknown,
): { readonly field: string; readonly message: string } | undefined {
  if (Array.isArray(body) || typeof body !== 'object' || body === null) {
    return { field: 'body', message: 'the JSON body must be an object' };
  }
  const stack: Pending[] = [{ value: body, path: '', depth: 1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    const field = path || 'body';
    if (depth > BODY_LIMITS.maxDepth) {
      return { field, message: `${field} is nested deeper than ${BODY_LIMITS.maxDepth} levels` };
    }
    if (Array.isArray(value)) {
      if (value.length > BODY_LIMITS.maxArrayItems) {
        return {
          field,
          message: `${field} must contain no more than ${BODY_LIMITS.maxArrayItems} items`,
        };
      }
      value.forEach((item, index) =>
        stack.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }),
      );
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > BODY_LIMITS.maxObjectKeys) {
      return {
        field,
        message: `${field} must have no more than ${BODY_LIMITS.maxObjectKeys} fields`,
      };
    }
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { field: child, message: `${child} is not allowed` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** After the JSON parser: a body of a shape no endpoint accepts is a 400 naming where. */
export const bodyShapeGuard: RequestHandler = (req, res, next) => {
  if (!req.is('application/json') || req.body === undefined) return next();
  const problem = bodyShapeProblem(req.body);
  if (!problem) return next();
  labelUnrouted(res, 'invalid_body');
  next(AppError.validation([problem]));
};
