// operationId is `<tag>.<verb>` (snake_case), `<tag>` equal to the operation's first tag.
// The same two names are the SDK's `client.<tag>.<verb>` and the mock's handler module and function.
'use strict';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

module.exports = function operationIdTagVerb(operation, _options, context) {
  if (!operation || typeof operation !== 'object') return [];
  const id = operation.operationId;
  if (typeof id !== 'string') return []; // `operation-operationId` reports the missing id.
  const parts = id.split('.');
  if (parts.length !== 2 || !SNAKE.test(parts[0]) || !SNAKE.test(parts[1])) {
    return [{ message: `operationId "${id}" is not <tag>.<verb> in snake_case.`, path: [...context.path, 'operationId'] }];
  }
  const tags = Array.isArray(operation.tags) ? operation.tags : [];
  if (tags[0] !== parts[0]) {
    return [{
      message: `operationId "${id}" must start with the operation's first tag "${tags[0] ?? '(none)'}".`,
      path: [...context.path, 'operationId'],
    }];
  }
  return [];
};
