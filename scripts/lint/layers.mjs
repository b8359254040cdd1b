/**
 * ESLint rule `layers/imports`: which layer may import which, checked on every
 * import, export-from, dynamic import(), import type and require(). In the
 * spirit of VS Code's `.eslint-plugin-local/code-layering.ts`: the layering is
 * data (eslint.config.js), the rule only compares paths.
 *
 * A file's layer is the first folder of its path from the project root
 * (`renderer/src/x.tsx` → renderer). Files outside every configured layer
 * (test/, scripts/, configs) are not checked. An import is allowed when it
 *   - stays in a layer the file's layer may use (`may`), or
 *   - names a module the layer or the file is allowed by path (`modules`,
 *     prefixes from the project root, e.g. "backend/runtime/"), or
 *   - is a package the layer does not forbid (`forbid`: "node" = Node's
 *     built-in modules, or package names).
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** @param {string} specifier */
function isNodeBuiltin(specifier) {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
}

/** "@scope/name/sub" → "@scope/name", "name/sub" → "name". */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const toPosix = (p) => p.split(path.sep).join('/');

/**
 * @typedef {{ may: string[]; modules?: string[]; forbid?: string[]; why: string }} LayerRule
 * @typedef {{ root?: string; layers: Record<string, LayerRule>; files?: Record<string, { modules: string[]; why: string }> }} Options
 */

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Keep each layer to the layers and packages it may use (shared, renderer, backend, electron).',
    },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: 'Bad layering: {{layer}} may not import {{target}} ({{what}}). {{why}}',
      package: 'Bad layering: {{layer}} may not use the package "{{name}}". {{why}}',
    },
  },
  create(context) {
    /** @type {Options} */
    const options = context.options[0] ?? { layers: {} };
    const root = options.root ?? context.cwd;
    const filename = context.filename;
    const fromRoot = toPosix(path.relative(root, filename));
    if (fromRoot.startsWith('..')) return {};
    const layer = fromRoot.split('/')[0] ?? '';
    const rule = options.layers[layer];
    if (!rule) return {};
    const fileRule = options.files?.[fromRoot];
    const allowedModules = [...(rule.modules ?? []), ...(fileRule?.modules ?? [])];
    const forbidden = new Set(rule.forbid ?? []);

    /** @param {import('estree').Node} node @param {string} specifier */
    const check = (node, specifier) => {
      if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
        const target = toPosix(path.relative(root, path.resolve(path.dirname(filename), specifier)));
        const targetLayer = target.split('/')[0] ?? '';
        if (!(targetLayer in options.layers) || rule.may.includes(targetLayer)) return;
        if (allowedModules.some((prefix) => target === prefix || target.startsWith(prefix))) return;
        context.report({
          node,
          messageId: 'layer',
          data: {
            layer: fromRoot,
            target,
            what: `${layer} may use: ${rule.may.join(', ')}`,
            why: fileRule?.why ?? rule.why,
          },
        });
        return;
      }
      const name = packageName(specifier);
      if ((forbidden.has('node') && isNodeBuiltin(specifier)) || forbidden.has(name)) {
        context.report({ node, messageId: 'package', data: { layer: fromRoot, name: specifier, why: rule.why } });
      }
    };
    /** @param {any} node */
    const fromSource = (node) => {
      if (node.source && typeof node.source.value === 'string') check(node, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ImportExpression: fromSource,
      /** @param {any} node `import('x').T` in a type position */
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument;
        if (literal && typeof literal.value === 'string') check(node, literal.value);
      },
      /** @param {any} node */
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') {
          if (typeof first.value === 'string') check(node, first.value);
        }
      },
    };
  },
};

export default { rules: { imports: importsRule } };
