/**
 * The assessment as JSON Schema 2020-12, for systems that validate before calling the
 * library or the CLI (Java, databases, forms).
 *
 * @module
 */
import * as z from 'zod';
import { assessmentSchema, UNREPRESENTABLE_RULES } from './assessment.js';

/**
 * JSON Schema (2020-12) of an `Assessment`, generated from {@link assessmentSchema}. The
 * cross-field rules that JSON Schema cannot express are listed in its `description`.
 */
export const assessmentJsonSchema: Readonly<Record<string, unknown>> = /* @__PURE__ */ buildJsonSchema();

// Built by a call marked pure, so that a bundle that never reads the schema leaves out zod's
// JSON Schema code (about 20 KB minified).
function buildJsonSchema(): Readonly<Record<string, unknown>> {
  const generated = z.toJSONSchema(assessmentSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return Object.freeze({
    ...generated,
    $id: 'urn:weak-lax-screener:assessment',
    title: 'Assessment (weak-lax-screener)',
    description: [
      'One assessment of one grassroots Party organisation (村 or 社区) on one date. Every indicator group and field is optional; a missing field makes the criteria that need it insufficient-data.',
      'Rules JSON Schema cannot express, checked by the library:',
      ...UNREPRESENTABLE_RULES.map((rule) => `- ${rule}`),
    ].join('\n'),
  });
}
