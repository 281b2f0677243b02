/**
 * End-to-end tests: they run the packaged CLI as a user does, a process with arguments, and check its output and exit code.
 * Each module's own unit tests stay in that module.
 */
package org.hourglass.tests;
