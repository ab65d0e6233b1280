// web-test-runner runs the component tests with mocha's globals (describe, it, …).
/// <reference types="mocha" />
