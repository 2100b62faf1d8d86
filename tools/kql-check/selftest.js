// Same tests as check.test.js, for `node tools/kql-check/selftest.js`.
// (A node:test file runs its tests when executed directly and prints the TAP summary.)
'use strict';
require('./check.test.js');
