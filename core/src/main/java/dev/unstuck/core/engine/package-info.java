/**
 * Ending one stuck conversation safely: the pure
 * {@link dev.unstuck.core.engine.Planner}, and the {@link dev.unstuck.core.engine.Engine} that looks,
 * plans, acts, verifies and records, answering an {@link dev.unstuck.core.engine.Outcome}.
 */
package dev.unstuck.core.engine;
