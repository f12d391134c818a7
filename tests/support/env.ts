/**
 * Jest setup (jest.config.js setupFiles): no test asks for, or starts, the resident build server —
 * including the `brief` processes tests spawn, which inherit this. The server's own tests
 * (tests/cli/server.test.ts) turn it on for themselves, with a socket folder of their own.
 */
process.env['BRIEF_SERVER'] = 'off';
