// The dependency table of architecture.md, enforced on every import.
// A file's layer comes from its path; a relative import is resolved to the layer it lands in.
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, 'src');

/** Layers each layer may import (its own always allowed). `feature` = the same feature only. */
const ALLOWED = {
  content: [],
  model: ['content'],
  engine: ['content', 'model'],
  interchange: ['content', 'model'],
  store: ['content', 'model', 'engine', 'interchange'],
  feature: ['content', 'store', 'model', 'components', 'hooks'],
  components: ['content', 'model', 'hooks'],
  hooks: ['content', 'model', 'store'],
  app: [
    'content',
    'model',
    'engine',
    'interchange',
    'store',
    'feature',
    'components',
    'hooks',
    'app',
  ],
  cli: ['content', 'model', 'engine', 'interchange'],
  test: [
    'content',
    'model',
    'engine',
    'interchange',
    'store',
    'feature',
    'components',
    'hooks',
    'app',
    'cli',
    'test',
  ],
};

/** Packages each layer may import; `*` = any. */
const PACKAGES = {
  content: [],
  model: [],
  engine: [],
  interchange: ['fflate'],
  store: ['zustand', 'zundo'],
  feature: ['*'],
  components: ['*'],
  hooks: ['*'],
  app: ['*'],
  cli: ['node:'],
  test: ['*'],
};

/** @param {string} file */
function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  const [top, second] = rel.split(path.sep);
  if (top === 'features') return { layer: 'feature', feature: second };
  if (top === 'test-support') return { layer: 'test' };
  if (top === 'main.tsx') return { layer: 'app' };
  return top && top in ALLOWED ? { layer: top } : null;
}

/** @param {string} spec @param {string} file @param {string} layer */
function packageAllowed(spec, file, layer) {
  // Tests may use any package, e.g. ip-address as the oracle for our own CIDR maths.
  if (/\.test\.tsx?$/.test(file) || layer === 'test') return true;
  if (spec === 'ip-address') return path.relative(SRC, file) === path.join('model', 'cidr.ts');
  return PACKAGES[layer].some((p) => p === '*' || spec === p || spec.startsWith(p));
}

export const layersPlugin = {
  rules: {
    boundaries: {
      meta: {
        type: 'problem',
        docs: { description: 'Imports follow the layer table of architecture.md' },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        const from = layerOf(file);
        if (!from) return {};
        /** @param {any} node @param {string} spec */
        function check(node, spec) {
          if (!spec.startsWith('.')) {
            if (!packageAllowed(spec, file, from.layer)) {
              context.report({
                node,
                message: `The ${from.layer} layer may not import the package '${spec}' (architecture.md).`,
              });
            }
            return;
          }
          const to = layerOf(path.resolve(path.dirname(file), spec));
          if (!to || to.layer === from.layer) {
            if (to && from.layer === 'feature' && to.feature !== from.feature) {
              context.report({
                node,
                message: `Feature '${from.feature}' may not import feature '${to.feature}': features meet in the store.`,
              });
            }
            return;
          }
          if (from.layer === 'test' || /\.test\.tsx?$/.test(file)) return;
          if (!ALLOWED[from.layer].includes(to.layer)) {
            context.report({
              node,
              message: `The ${from.layer} layer may not import from the ${to.layer} layer (architecture.md).`,
            });
          }
        }
        return {
          ImportDeclaration: (node) => check(node.source, String(node.source.value)),
          ExportNamedDeclaration: (node) =>
            node.source && check(node.source, String(node.source.value)),
          ExportAllDeclaration: (node) => check(node.source, String(node.source.value)),
          ImportExpression: (node) =>
            node.source.type === 'Literal' && check(node.source, String(node.source.value)),
        };
      },
    },
  },
};
