package dev.jplay.engine.run;

import dev.jplay.engine.connection.Become;

import java.time.Duration;
import java.util.Map;

/**
 * A task's keywords as they apply on one host (and loop item): rendered and typed once, before the
 * module runs.
 *
 * @param timeout zero when the task has none
 */
record TaskSettings(Become become, Map<String, String> environment, Duration timeout, boolean check, boolean diff,
                    boolean ignoreErrors) {
}
