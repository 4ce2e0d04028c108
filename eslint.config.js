import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'src/generated/', '**/gql/', 'web/dist/', '.seatgraph/', 'scripts/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/config/env.ts.' },
      ],
    },
  },
  {
    // Entry points of tooling and tests may look at the environment; the application may not.
    files: ['src/config/env.ts', 'prisma.config.ts', 'test/**', 'bench/**', 'scripts/**', 'web/**', 'src/db/migrate.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
)
