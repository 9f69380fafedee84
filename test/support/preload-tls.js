// Loads node:tls before any test module does. In the unit project, once the order of spec files
// across workers changed, a worker whose first load of tls came from inside a test's module graph
// later failed every https.createServer with "tls.createSecureContext is not a function" (node's
// own _tls_wrap saw a tls without it); loading tls first in each worker makes it whole. Production
// never loads tls inside jest's module registry, and the root cause is not found yet.
require('node:tls');
