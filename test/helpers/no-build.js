// Global setup for a Jest run inside a test (test/fresh-clone.test.ts): the outer run has built
// the add-in into test-output/ already, and building it again would race the tests reading it.
module.exports = async () => undefined;
