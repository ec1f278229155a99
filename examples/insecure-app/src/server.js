'use strict';

// A tiny HTTP service: echoes parsed query strings and merges user options
// into defaults (the lodash merge is what the advisories are about).
const http = require('http');
const qs = require('qs');
const merge = require('lodash/merge');
const parseArgs = require('minimist');

const args = parseArgs(process.argv.slice(2));
const defaults = { greeting: 'hello' };

const server = http.createServer((req, res) => {
  const query = qs.parse(req.url.split('?')[1] || '');
  const options = merge({}, defaults, query);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(options));
});

server.listen(Number(args.port || process.env.PORT || 8080));
