// Two projects: unit specs live beside the code they test; integration and end-to-end specs
// live under test/ and talk to the real RabbitMQ, Redis and PostgreSQL on localhost.
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // NestJS 12 ships ES modules only; jest's module system requires CommonJS, so swc transpiles them.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: {
    // A lib's second doors: test helpers, and what stays apart from Nest (`messaging/nest`, `runtime/process`).
    '^@pcms/([^/]+)/(testing|nest|process)$': '<rootDir>/libs/$1/$2/index.ts',
    '^@pcms/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // class-transformer's @Type reads design-time metadata; apps import it in main.ts.
  setupFiles: ['reflect-metadata', '<rootDir>/test/support/preload-tls.js'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      slowTestThreshold: 30,
    },
  ],
  // Integration waits (expectEventually) allow 15 to 20 s for real services on a shared two-core
  // machine; jest's default of 5 s per test cut them short when CI was loaded. Jest reads this
  // option from the top level only: inside a project it was silently ignored (CI: the payload-key
  // race timed out at 5 s).
  testTimeout: 60_000,
};
