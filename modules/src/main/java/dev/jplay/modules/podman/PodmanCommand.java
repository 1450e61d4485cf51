package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Podman command lines for one task: which executable, quoted arguments, and the environment a
 * rootless podman needs when it is reached through sudo.
 *
 * <p>sudo drops XDG_RUNTIME_DIR. Rootless podman then falls back to a runtime dir in /tmp, which
 * is not the one the user's systemd units use, so it would not see their containers (and
 * auto-update could not reach the user's systemd). When the user has a runtime dir, use it.
 */
public record PodmanCommand(String executable) {

    public static final String EXECUTABLE = "executable";

    public static OptionSpec executableOption() {
        return OptionSpec.of(EXECUTABLE, OptionType.STR, "podman executable on the host (a name on PATH or a path)")
                .defaultValue("podman");
    }

    public static PodmanCommand from(ModuleArgs args) {
        return new PodmanCommand(args.optString(EXECUTABLE).orElse("podman"));
    }

    /** Shell lines that export the user's runtime dir and session bus when sudo dropped them. */
    public static String userEnvironment() {
        return "if [ \"$(id -u)\" != 0 ] && [ -z \"${XDG_RUNTIME_DIR:-}\" ] && [ -d \"/run/user/$(id -u)\" ]; then "
                + "export XDG_RUNTIME_DIR=\"/run/user/$(id -u)\"; fi; "
                + "if [ -n \"${XDG_RUNTIME_DIR:-}\" ] && [ -z \"${DBUS_SESSION_BUS_ADDRESS:-}\" ] && [ -S \"$XDG_RUNTIME_DIR/bus\" ]; then "
                + "export DBUS_SESSION_BUS_ADDRESS=\"unix:path=$XDG_RUNTIME_DIR/bus\"; fi; ";
    }

    /** {@code podman arg1 arg2 ...}, every word quoted for sh. */
    public String line(List<String> args) {
        return ShellQuote.quote(executable) + (args.isEmpty() ? "" : " " + quoteAll(args));
    }

    public String line(String... args) {
        return line(List.of(args));
    }

    public static String quoteAll(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
