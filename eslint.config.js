import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// From inside src/modules/<a>/: '../<b>/<file>' where file is neither index.js nor a *.schema.js contract.
const MODULE_INTERNALS = '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$|[^/]+\\.schema\\.js$)';
const kyselyOutsideRepositories = {
  name: 'kysely',
  allowTypeImports: true,
  message: 'The query builder belongs in repositories (*.repo.ts), src/db and the kernel.',
};
const envRule = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config.ts only.',
};
const queryBuilderRule = {
  selector: 'MemberExpression[property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|transaction)$/]',
  message:
    'SQL lives in repositories (*.repo.ts); a use case runs in runWork (src/kernel) and passes w.tx to them.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bin/**', 'coverage/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', envRule, queryBuilderRule],
      'no-restricted-imports': [
        'error',
        {
          paths: [kyselyOutsideRepositories],
        },
      ],
    },
  },
  {
    // Module boundaries: another module is reached through its public API, modules/<name>/index.ts.
    files: ['src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [kyselyOutsideRepositories],
          patterns: [
            {
              regex: MODULE_INTERNALS,
              message:
                "Use the other module's public API (../<module>/index.js or its *.schema.js), not its files.",
            },
          ],
        },
      ],
    },
  },
  {
    // Where SQL is written: repositories, the database layer, the kernel's own plumbing, tests and tools.
    files: ['**/*.repo.ts', 'src/db/**', 'src/kernel/**', '**/*.test.ts', 'e2e/**', 'bench/**', '*.js'],
    rules: {
      'no-restricted-syntax': ['error', envRule],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/modules/**/*.repo.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: MODULE_INTERNALS,
              message:
                "Use the other module's public API (../<module>/index.js or its *.schema.js), not its files.",
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/config.ts',
      'src/db/testing/**',
      '**/*.test.ts',
      'e2e/**',
      'bench/**',
      'vitest.config.ts',
      '*.js',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests read JSON replies freely; strict any-tracking there costs more than it catches.
    files: ['**/*.test.ts', 'src/db/testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
