// Every schema property has a description: it becomes the SDK model field's docs. A property that is
// only a `$ref` to a component schema is described by that schema (which must have a description).
'use strict';

const NESTED_ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'unevaluatedProperties', 'propertyNames'];
const NESTED_MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

function walk(schema, path, results) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  if (typeof schema.$ref === 'string') return; // described where it is defined
  const props = schema.properties;
  if (props && typeof props === 'object') {
    for (const [name, prop] of Object.entries(props)) {
      const propPath = [...path, 'properties', name];
      const described = prop && typeof prop === 'object' &&
        ((typeof prop.description === 'string' && prop.description.trim() !== '') || typeof prop.$ref === 'string');
      if (!described) results.push({ message: `Property "${name}" has no description.`, path: propPath });
      walk(prop, propPath, results);
    }
  }
  for (const key of NESTED_ONE) {
    if (schema[key] && typeof schema[key] === 'object') walk(schema[key], [...path, key], results);
  }
  for (const key of NESTED_MANY) {
    if (Array.isArray(schema[key])) schema[key].forEach((s, i) => walk(s, [...path, key, i], results));
  }
  for (const key of ['$defs', 'patternProperties', 'dependentSchemas']) {
    if (schema[key] && typeof schema[key] === 'object') {
      for (const [name, sub] of Object.entries(schema[key])) walk(sub, [...path, key, name], results);
    }
  }
}

module.exports = function propertyDescriptions(schema, _options, context) {
  const results = [];
  walk(schema, context.path, results);
  return results;
};
