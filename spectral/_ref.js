// Shared helper for the house rules: follow local `$ref`s ("#/...") in the unresolved document.
'use strict';

function resolveLocal(document, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return current;
    seen.add(ref);
    let target = document;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = target == null ? undefined : target[key];
    }
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

module.exports = { resolveLocal };
