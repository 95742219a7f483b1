import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';

/** What a constructor parameter is injected by: its class, or the token of an @Inject...(). */
export type Token = Type<unknown> | (abstract new (...args: never[]) => unknown) | string | symbol;

export interface TestMocks {
  /** The automock standing in for a class (every method a jest.fn), typed as that class. */
  get<T>(type: Type<T> | (abstract new (...args: never[]) => T)): jest.Mocked<T>;
  /** The automock injected by a string or symbol token (a BullMQ queue, say). */
  byToken<T>(token: string | symbol): jest.Mocked<T>;
}

/**
 * The service-test tier: `sut` is the real service, built with an automock for every constructor
 * dependency (repositories, other services, queues), read from Nest's own injection metadata.
 * Every method of a mock is a jest.fn that returns undefined until a test says otherwise; values
 * a service reads as data (AppConfig) are given in `values`. A rule gets a test that runs in
 * milliseconds; the wiring keeps its e2e test on real services.
 *
 *   const { sut, mocks } = newTestService(VersionsService, [[AppConfig, config]]);
 *   mocks.get(VersionsRepository).list.mockResolvedValue([]);
 */
export function newTestService<T>(
  Service: Type<T>,
  values: Iterable<readonly [Token, unknown]> = [],
): { sut: T; mocks: TestMocks } {
  const given = new Map<Token, unknown>(values);
  const tokens = injectionTokens(Service);
  const made = new Map<Token, unknown>();
  const dependencies = tokens.map((token) => {
    if (given.has(token)) return given.get(token);
    const mock = automock();
    made.set(token, mock);
    return mock;
  });
  const mockFor = (token: Token): unknown => {
    if (!made.has(token)) {
      throw new Error(`${Service.name} has no automocked dependency ${describe(token)}`);
    }
    return made.get(token);
  };
  return {
    sut: new Service(...dependencies),
    mocks: {
      get: <D>(type: Token) => mockFor(type) as jest.Mocked<D>,
      byToken: <D>(token: string | symbol) => mockFor(token) as jest.Mocked<D>,
    },
  };
}

function injectionTokens(Service: Type<unknown>): Token[] {
  const types = (Reflect.getMetadata(PARAMTYPES_METADATA, Service) ?? []) as Token[];
  const declared = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, Service) ?? []) as {
    index: number;
    param: Token;
  }[];
  const tokens = [...types];
  for (const { index, param } of declared) tokens[index] = param;
  return tokens;
}

/** Any property is a jest.fn, made on first use (abstract classes have no methods to copy). */
function automock(): unknown {
  const fns = new Map<string, jest.Mock>();
  return new Proxy(
    {},
    {
      get(_target, property) {
        // Not thenable, not iterable: a mock returned from an async function stays a value.
        if (typeof property !== 'string' || property === 'then') return undefined;
        let fn = fns.get(property);
        if (!fn) {
          fn = jest.fn();
          fns.set(property, fn);
        }
        return fn;
      },
    },
  );
}

function describe(token: Token): string {
  return typeof token === 'function' ? token.name : String(token);
}
