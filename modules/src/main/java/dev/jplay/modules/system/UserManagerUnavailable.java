package dev.jplay.modules.system;

import dev.jplay.engine.spi.ModuleFailure;

import java.util.Map;

/**
 * A user's systemd manager cannot be reached (not running, or not reachable as the task's user). A
 * module in check mode may turn this into a skip: the manager may well be there once earlier tasks
 * (linger) have really run.
 */
public class UserManagerUnavailable extends ModuleFailure {

    public UserManagerUnavailable(String message) {
        super(message);
    }

    public UserManagerUnavailable(String message, Map<String, Object> values) {
        super(message, values);
    }
}
