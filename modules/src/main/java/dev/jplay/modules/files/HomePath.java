package dev.jplay.modules.files;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;

import static dev.jplay.engine.connection.ShellQuote.quote;

/**
 * Expands a leading {@code ~} or {@code ~user} in a host path, as Ansible does for path options, to
 * the home folder on the host of the user we run as (the become user) or of the named user. Paths
 * without a tilde cost nothing; with one, one round trip.
 */
final class HomePath {
    private HomePath() {
    }

    static String expand(ModuleContext ctx, String path) throws ModuleFailure {
        if (path == null || !path.startsWith("~")) {
            return path;
        }
        int slash = path.indexOf('/');
        String user = path.substring(1, slash < 0 ? path.length() : slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        String script = user.isEmpty() ? "printf '%s' \"$HOME\""
                : "getent passwd " + quote(user) + " | cut -d: -f6 | tr -d '\\n'";
        ExecResult r = ctx.exec(script);
        String home = r.out();
        if (!r.ok() || home.isEmpty()) {
            throw new ModuleFailure("cannot expand '~" + user + "' in " + path + ": "
                    + (user.isEmpty() ? "HOME is not set" : "no such user") + " on the host");
        }
        return home + rest;
    }
}
