module.exports = {
  extends: ['eslint-config-salesforce-typescript', 'plugin:sf-plugin/recommended'],
  root: true,
  ignorePatterns: ['lib/', 'bench/**/*.js', 'bin/'],
};
