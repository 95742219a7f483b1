// @ts-check
/**
 * ts-jest, with one change to what it emits, for coverage's sake. Compiled one file at a time
 * (isolatedModules), TypeScript cannot tell an imported class from an interface, so the type of
 * every decorated parameter and property is emitted as
 *   typeof (_a = typeof X !== "undefined" && X) === "function" ? _a : Object
 * which coverage counts as branches of ours: about a quarter of all branches under src/, none of
 * them in the source, none in a full build (which knows the types). Each such expression becomes
 * a call of one helper doing the same test, so the value Nest reads is unchanged, and the read
 * (still guarded for an undeclared name) is ignored. The helper goes on the first line, after
 * "use strict", where the source map maps nothing of ours, so no line moves.
 */
const { TsJestTransformer } = require('ts-jest');

const DESIGN_TYPE_GUARD = /typeof \((_\w+) = (.+?)\) === "function" \? \1 : Object/g;
const HELPER =
  'var __designType = function (read) { var type = read(); ' +
  'return typeof type === "function" ? type : Object; };';

/** @param {string} code */
function withoutGuards(code) {
  let replaced = false;
  const rewritten = code.replace(DESIGN_TYPE_GUARD, (_match, temp, read) => {
    replaced = true;
    return `__designType(/* istanbul ignore next */ function () { return (${temp} = ${read}); })`;
  });
  if (!replaced) return code;
  const strict = '"use strict";';
  return rewritten.startsWith(strict)
    ? `${strict}${HELPER}${rewritten.slice(strict.length)}`
    : `${HELPER}${rewritten}`;
}

/** @param {{ code: string; map?: unknown } | string} result */
function transformed(result) {
  if (typeof result === 'string') return withoutGuards(result);
  return { ...result, code: withoutGuards(result.code) };
}

class CoverageTransformer extends TsJestTransformer {
  /** @type {TsJestTransformer['process']} */
  process(source, path, options) {
    return transformed(super.process(source, path, options));
  }

  /** @type {TsJestTransformer['processAsync']} */
  async processAsync(source, path, options) {
    return transformed(await super.processAsync(source, path, options));
  }

  /** @type {TsJestTransformer['getCacheKey']} */
  getCacheKey(source, path, options) {
    return `${super.getCacheKey(source, path, options)}:design-types`;
  }
}

module.exports = {
  /** @param {ConstructorParameters<typeof TsJestTransformer>[0]} config */
  createTransformer: (config) => new CoverageTransformer(config),
};
