import { ZodMiniISODate, ZodMiniISODateTime } from 'zod/mini';
import { _isoDate, _isoDateTime, type $ZodISODateParams, type $ZodISODateTimeParams } from 'zod/v4/core';

/*
 * `z.iso.date()` and `z.iso.datetime()` of zod/mini, built exactly as zod/mini's own `iso.date`
 * and `iso.datetime` build them. Reached through the `z.iso` namespace, they make esbuild keep the
 * whole namespace object, and with it the ISO time and duration schemas and their regexes
 * (0.9 KB minified), in every function bundle.
 */

/** An ISO 8601 date (`2026-12-02`), as `z.iso.date(params)`. */
export function isoDate(params?: string | $ZodISODateParams): ZodMiniISODate {
  return _isoDate(ZodMiniISODate, params);
}

/** An ISO 8601 date and time, as `z.iso.datetime(params)`. */
export function isoDateTime(params?: string | $ZodISODateTimeParams): ZodMiniISODateTime {
  return _isoDateTime(ZodMiniISODateTime, params);
}
