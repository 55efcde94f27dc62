module.exports = {
  extends: '../.eslintrc.cjs',
  parserOptions: {
    project: './test/tsconfig.json',
    sourceType: 'module',
  },
  env: { mocha: true },
  rules: {
    // chai assertions are expressions
    '@typescript-eslint/no-unused-expressions': 'off',
    'no-unused-expressions': 'off',
  },
};
