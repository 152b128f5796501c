// Every request body and every success (2xx) response with content carries an example: the docs show
// them, the mock can serve them, and `python -m codegen check` validates each against its schema.
'use strict';

const { resolveLocal } = require('./_ref.js');

function hasExample(media) {
  if (!media || typeof media !== 'object') return false;
  if (media.example !== undefined) return true;
  return !!media.examples && typeof media.examples === 'object' && Object.keys(media.examples).length > 0;
}

function checkContent(doc, container, path, what, results) {
  const content = container && container.content;
  if (!content || typeof content !== 'object') return;
  for (const [type, media] of Object.entries(content)) {
    if (!hasExample(resolveLocal(doc, media))) {
      results.push({ message: `${what} (${type}) has no example.`, path: [...path, 'content', type] });
    }
  }
}

module.exports = function successAndRequestExamples(operation, _options, context) {
  if (!operation || typeof operation !== 'object') return [];
  const doc = context.document.data;
  const results = [];
  if (operation.requestBody) {
    const body = resolveLocal(doc, operation.requestBody);
    checkContent(doc, body, [...context.path, 'requestBody'], 'Request body', results);
  }
  for (const [status, raw] of Object.entries(operation.responses || {})) {
    if (!/^2/.test(status)) continue;
    checkContent(doc, resolveLocal(doc, raw), [...context.path, 'responses', status], `Response ${status}`, results);
  }
  return results;
};
