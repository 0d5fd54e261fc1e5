/**
 * jiaolian/route-auth: every HTTP route must say who may call it, with @Public() or @Roles(...)
 * on the handler or its controller class. A route without one fails lint, so no endpoint is
 * ever exposed by accident.
 */
const HTTP_METHOD_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search']);
const AUTH_DECORATORS = new Set(['Public', 'Roles']);

function decoratorName(decorator) {
  const expression = decorator.expression;
  if (expression.type === 'CallExpression') {
    const callee = expression.callee;
    if (callee.type === 'Identifier') return callee.name;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  }
  if (expression.type === 'Identifier') return expression.name;
  return undefined;
}

const names = (node) => (node.decorators ?? []).map(decoratorName).filter(Boolean);

export const routeAuthRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Require @Public() or @Roles(...) on every HTTP route' },
    schema: [],
    messages: {
      missing: 'HTTP route "{{name}}" declares no caller: add @Roles(...) or @Public() to it or its controller.',
    },
  },
  create(context) {
    return {
      'ClassDeclaration, ClassExpression'(classNode) {
        const classDecorators = names(classNode);
        if (!classDecorators.includes('Controller')) return;
        const classHasAuth = classDecorators.some((n) => AUTH_DECORATORS.has(n));
        for (const member of classNode.body.body) {
          if (member.type !== 'MethodDefinition') continue;
          const memberDecorators = names(member);
          if (!memberDecorators.some((n) => HTTP_METHOD_DECORATORS.has(n))) continue;
          if (classHasAuth || memberDecorators.some((n) => AUTH_DECORATORS.has(n))) continue;
          const name = member.key.type === 'Identifier' ? member.key.name : '<computed>';
          context.report({ node: member, messageId: 'missing', data: { name } });
        }
      },
    };
  },
};

export const jiaolianPlugin = { meta: { name: 'jiaolian' }, rules: { 'route-auth': routeAuthRule } };
