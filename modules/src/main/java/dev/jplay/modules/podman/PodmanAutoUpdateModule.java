package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code podman auto-update} as the task's user ({@code --dry-run} in check mode) and reports
 * which units it updated; changed when any was.
 *
 * <p>auto-update acts only on containers that exist. A unit made with {@code generate systemd --new}
 * (or Quadlet) removes its container when it stops, so a scaled-to-zero service is invisible to it:
 * wake the service first (one request to its socket), then run this module. Rootless auto-update
 * restarts units through the user's systemd: the user needs a running user manager (linger).
 */
public final class PodmanAutoUpdateModule implements Module {

    @Override
    public ModuleSpec spec() {
        return ModuleSpec.builder("podman_auto_update")
                .describe("Run podman auto-update (dry run in check mode); changed when a unit was updated. Containers of "
                        + "scaled-to-zero --new units do not exist: wake the service first.")
                .option(OptionSpec.of("authfile", OptionType.PATH, "registry credentials file (podman --authfile)")
                        .aliases("auth_file"))
                .option(OptionSpec.of("rollback", OptionType.BOOL, "roll back to the previous image when the restarted unit fails")
                        .defaultValue(true))
                .option(PodmanCommand.executableOption())
                .build();
    }

    /** One line of podman's report. */
    public record Report(String unit, String container, String image, String policy, String updated) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", unit);
            m.put("container", container);
            m.put("image", image);
            m.put("policy", policy);
            m.put("updated", updated);
            return m;
        }
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        PodmanCommand podman = PodmanCommand.from(ctx.args());
        List<String> args = new ArrayList<>(List.of("auto-update", "--format", "json"));
        if (ctx.checkMode()) {
            args.add("--dry-run");
        }
        if (ctx.args().string("authfile") != null) {
            args.add("--authfile");
            args.add(ctx.args().string("authfile"));
        }
        if (!ctx.args().bool("rollback")) {
            args.add("--rollback=false");
        }
        String cmd = podman.line(args);
        ExecResult r = ctx.exec(PodmanCommand.userEnvironment() + cmd);
        List<Report> reports = parse(r.out());
        List<Map<String, Object>> units = reports.stream().map(Report::asMap).toList();
        String changedMark = ctx.checkMode() ? "pending" : "true";
        List<String> updated = reports.stream().filter(x -> x.updated().equals(changedMark)).map(Report::unit).toList();
        List<String> failed = reports.stream().filter(x -> x.updated().equals("failed") || x.updated().startsWith("rolled"))
                .map(x -> x.unit() + " (" + x.updated() + ")").toList();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("rc", r.exitCode());
        values.put("units", units);
        values.put("updated", updated);
        values.put("stdout", r.out());
        values.put("stderr", r.err());
        values.put("podman_actions", List.of(cmd));
        if (!r.ok() || !failed.isEmpty()) {
            throw new ModuleFailure("podman auto-update failed" + (failed.isEmpty() ? "" : " for " + String.join(", ", failed))
                    + ": " + r.errTrimmed() + hint(r.err()), values);
        }
        String msg = updated.isEmpty() ? (reports.isEmpty() ? "no containers with an auto-update policy (a --new unit's "
                + "container exists only while its service runs)" : "every container runs its newest image")
                : (ctx.checkMode() ? "would update " : "updated ") + String.join(", ", updated);
        return ModuleResult.changed(!updated.isEmpty()).values(values).msg(msg).build();
    }

    static List<Report> parse(String json) throws ModuleFailure {
        Object o = PodmanJson.parse(json, "podman auto-update --format json");
        List<Report> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                if (e instanceof Map<?, ?> m) {
                    Map<String, Object> x = PodmanJson.asStringMap(m);
                    String container = PodmanJson.string(x, "ContainerName");
                    out.add(new Report(PodmanJson.string(x, "Unit"), container.isEmpty() ? PodmanJson.string(x, "Container") : container,
                            PodmanJson.string(x, "Image"), PodmanJson.string(x, "Policy"), PodmanJson.string(x, "Updated")));
                }
            }
        }
        return out;
    }

    private static String hint(String stderr) {
        if (stderr.contains("bus") || stderr.contains("systemd")) {
            return " (rootless auto-update talks to the user's systemd: enable linger for the user and run as that user)";
        }
        return "";
    }
}
