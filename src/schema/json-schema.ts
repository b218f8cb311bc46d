/**
 * The assessment as JSON Schema 2020-12, for systems that validate before calling the
 * library or the CLI (Java, databases, forms).
 *
 * @module
 */
import { z } from 'zod';
import { assessmentSchema, UNREPRESENTABLE_RULES } from './assessment.js';

const generated = z.toJSONSchema(assessmentSchema, { target: 'draft-2020-12', unrepresentable: 'any' });

/**
 * JSON Schema (2020-12) of an `Assessment`, generated from {@link assessmentSchema}. The
 * cross-field rules that JSON Schema cannot express are listed in its `description`.
 */
export const assessmentJsonSchema: Readonly<Record<string, unknown>> = Object.freeze({
  ...generated,
  $id: 'urn:weak-lax-screener:assessment',
  title: 'Assessment (weak-lax-screener)',
  description: [
    'One assessment of one grassroots Party organisation (村 or 社区) on one date. Every indicator group and field is optional; a missing field makes the criteria that need it insufficient-data.',
    'Rules JSON Schema cannot express, checked by the library:',
    ...UNREPRESENTABLE_RULES.map((rule) => `- ${rule}`),
  ].join('\n'),
});
