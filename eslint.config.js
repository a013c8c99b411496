import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layering of the packages (DEVELOPERS.md): an import against the arrows is a lint error.
const layers = {
  tensor: [],
  autograd: ['tensor'],
  nn: ['tensor', 'autograd'],
  data: ['tensor'],
  optim: ['tensor', 'autograd'],
  train: ['tensor', 'autograd', 'nn', 'data', 'optim'],
};
const all = Object.keys(layers);
function forbiddenPackages(pkg, allowed) {
  const group = all.filter((p) => p !== pkg && !allowed.includes(p)).map((p) => `@gd/${p}`);
  if (group.length === 0) return [];
  const may = allowed.length ? allowed.map((p) => `@gd/${p}`).join(', ') : 'no other @gd package';
  return [{ group, message: `@gd/${pkg} may import only ${may}.` }];
}
const layerRules = Object.entries(layers).map(([pkg, allowed]) => ({
  files: [`packages/${pkg}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenPackages(pkg, allowed),
          { group: ['@gd/cli', '@gd/demo', '@gd/bench'], message: 'packages never import apps.' },
        ],
      },
    ],
  },
}));

export default defineConfig(
  globalIgnores(['**/dist/', '**/coverage/', '**/.turbo/', '**/node_modules/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs', '.ci/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  { files: ['apps/demo/src/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
