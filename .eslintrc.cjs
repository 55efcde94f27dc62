module.exports = {
  extends: ['eslint-config-salesforce-typescript', 'plugin:sf-plugin/recommended'],
  root: true,
  ignorePatterns: ['lib/', 'bin/', 'bench/**/*.js', 'scripts/**/*.mjs', 'src/**/generated/*.js'],
  rules: {
    // Salesforce API names (Patient__c) and OAuth scope tokens (refresh_token) are property names we do not choose.
    camelcase: ['error', { properties: 'never' }],
  },
};
