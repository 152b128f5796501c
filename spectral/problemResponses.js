// Every 4xx/5xx response is application/problem+json with the Problem schema, and lists the problem
// `code`s it can carry in `x-problem-codes` (the SDK's error docs and the mock's tests read them).
'use strict';

const { resolveLocal } = require('./_ref.js');

const PROBLEM_REF = '#/components/schemas/Problem';
const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

module.exports = function problemResponses(responses, _options, context) {
  if (!responses || typeof responses !== 'object') return [];
  const doc = context.document.data;
  const results = [];
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^[45]/.test(status)) continue;
    const path = [...context.path, status];
    const response = resolveLocal(doc, raw);
    if (!response || typeof response !== 'object') continue;
    const where = raw && raw.$ref ? ` (${raw.$ref})` : '';
    const content = response.content || {};
    const types = Object.keys(content);
    if (types.length !== 1 || types[0] !== 'application/problem+json') {
      results.push({
        message: `Error response ${status}${where} must have exactly one media type, application/problem+json (has: ${types.join(', ') || 'none'}).`,
        path,
      });
    } else {
      const schema = content['application/problem+json'].schema;
      if (!schema || schema.$ref !== PROBLEM_REF) {
        results.push({ message: `Error response ${status}${where} must use the schema ${PROBLEM_REF}.`, path });
      }
    }
    const codes = response['x-problem-codes'];
    if (!Array.isArray(codes) || codes.length === 0) {
      results.push({ message: `Error response ${status}${where} must list its problem codes in x-problem-codes.`, path });
    } else {
      const bad = codes.filter((c) => typeof c !== 'string' || !SLUG.test(c));
      if (bad.length) {
        results.push({ message: `x-problem-codes of ${status}${where} must be kebab-case slugs: ${bad.join(', ')}.`, path });
      }
      if (new Set(codes).size !== codes.length) {
        results.push({ message: `x-problem-codes of ${status}${where} lists a code twice.`, path });
      }
    }
  }
  return results;
};
