'use strict';
// The no-op consumer of the engine benchmark: it does nothing, so what is measured is the local
// cloud's own path (bus → rule → queue → event source mapping → worker), not handler code.
exports.handler = async () => ({ batchItemFailures: [] });
