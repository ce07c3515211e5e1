import { config } from 'zod/mini';
import { en } from 'zod/locales';

/*
 * zod/mini keeps the contracts' bundles small (no method chains, no JSON Schema generator, no
 * locales) but, unlike `zod`, sets no error locale: without this, every issue would read
 * "Invalid input". English is what `zod` configures, so users see the same messages as before.
 */
config(en());
