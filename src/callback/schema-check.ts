import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType } from '@sinclair/typebox/errors';

/** The first thing wrong with a value, in words: where (a JSON pointer), what was expected, or that it is missing. */
export interface SchemaFailure {
  readonly path: string;
  readonly expected: string;
  readonly missing: boolean;
}

/** Compiles a schema once, at module load; checking is then a generated function, fast on the happy path. */
export function checkerOf<T extends TSchema>(schema: T): TypeCheck<T> {
  return TypeCompiler.Compile(schema);
}

/**
 * Describes the first error TypeBox finds (properties in schema order, array items in order), prefixing its
 * path with `at`. Only called once a check has failed, so its cost is off the happy path.
 */
export function firstError<T extends TSchema>(checker: TypeCheck<T>, value: unknown, at = ''): SchemaFailure {
  if (value === undefined) return { path: at || '/', expected: describe(checker.Schema()), missing: true };
  const error = checker.Errors(value).First();
  if (error === undefined) return { path: at || '/', expected: describe(checker.Schema()), missing: false };
  const path = `${at}${error.path}` || '/';
  return {
    path,
    expected: describe(error.schema),
    missing: error.type === ValueErrorType.ObjectRequiredProperty,
  };
}

function describe(schema: TSchema): string {
  return typeof schema.description === 'string' ? schema.description : 'a value of the documented type';
}
