import { existsSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noBarrels = {
  group: ['**/index', '**/index.ts', '**/index.tsx'],
  message: 'No barrel files: import the file itself (web.md).',
};

// bulletproof-react's boundaries (web.md): shared/ imports no feature and no entry; a feature
// never imports another feature; the entry's app composes them.
const featureRules = [];
for (const entry of ['citizen', 'staff']) {
  const dir = `src/${entry}/features`;
  const features = existsSync(dir) ? readdirSync(dir) : [];
  for (const name of features) {
    const others = features.filter((f) => f !== name);
    featureRules.push({
      files: [`${dir}/${name}/**`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              noBarrels,
              ...others.map((o) => ({
                group: [`**/features/${o}/**`, `../${o}/**`, `../../${o}/**`],
                message: `Feature "${name}" must not import feature "${o}": compose them in the app.`,
              })),
            ],
          },
        ],
      },
    });
  }
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [noBarrels] }] },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noBarrels,
            { group: ['**/features/**', '**/citizen/**', '**/staff/**'], message: 'shared/ imports no feature.' },
          ],
        },
      ],
    },
  },
  ...featureRules,
  {
    files: ['*.config.{js,ts}', 'scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
