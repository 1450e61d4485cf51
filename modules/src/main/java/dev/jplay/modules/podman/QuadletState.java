package dev.jplay.modules.podman;

import dev.jplay.engine.connection.ExecResult;
import dev.jplay.engine.connection.ShellQuote;
import dev.jplay.engine.spi.FileAttributes;
import dev.jplay.engine.spi.FileDiff;
import dev.jplay.engine.spi.ModuleArgs;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.engine.host.FileMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code state: quadlet} of podman_container, podman_pod and podman_network, as the podman collection does it:
 * a Quadlet file ({@code NAME.container}, {@code .pod}, {@code .network}) in {@code quadlet_dir} (default
 * {@code /etc/containers/systemd} for root, {@code ~/.config/containers/systemd} for others), written only
 * when its content differs once comments are ignored, mode 0640 for a new file. Like the collection, it
 * neither reloads systemd nor starts anything (podman_quadlet, or the systemd module, does that).
 *
 * <p>Each value lands on one line: control characters are refused. Free text (Environment=, Label=, Exec=)
 * is quoted for systemd with {@code %} doubled; names and paths (Image=, Volume=, PublishPort=...) are
 * written as given, so systemd specifiers such as {@code %h} work there as with the collection. {@code quadlet_options} are raw lines
 * for the main section; an item starting with {@code [} is a whole section and may span lines.
 */
final class QuadletState {
    static final String ROOT_DIR = "/etc/containers/systemd";
    static final String USER_DIR = ".config/containers/systemd";

    private QuadletState() {
    }

    static List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("quadlet_dir", OptionType.PATH, "state quadlet: the folder of the Quadlet file; default "
                        + ROOT_DIR + " for root, ~/" + USER_DIR + " for other users"),
                OptionSpec.of("quadlet_filename", OptionType.STR, "state quadlet: the file's name (the suffix is added when "
                        + "missing); default: the name option"),
                OptionSpec.of("quadlet_file_mode", OptionType.RAW, "state quadlet: the file's mode; default 0640 for a new file, "
                        + "an existing file's mode is kept"),
                OptionSpec.of("quadlet_options", OptionType.LIST, "state quadlet: more lines for the main section "
                        + "(e.g. AutoUpdate=registry), or whole sections (\"[Install]\\nWantedBy=default.target\")"));
    }

    /** One Key=value line of the main section. */
    record Entry(String key, String value) {
    }

    /** The file's text: {@code [Section]}, the entries, plain quadlet_options, a [Service] section if given, extra sections. */
    static String render(String section, List<Entry> entries, List<Entry> service, List<String> quadletOptions) throws ModuleFailure {
        List<String> main = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        for (String o : quadletOptions) {
            if (o.stripLeading().startsWith("[")) {
                refuse("quadlet_options", o, true);
                sections.add(o.strip());
            } else {
                refuse("quadlet_options", o, false);
                main.add(o);
            }
        }
        StringBuilder s = new StringBuilder("[").append(section).append("]\n");
        for (Entry e : entries) {
            refuse(e.key(), e.value(), false);
            s.append(e.key()).append('=').append(e.value()).append('\n');
        }
        main.forEach(m -> s.append(m).append('\n'));
        boolean ownService = sections.stream().anyMatch(x -> x.startsWith("[Service]"));
        if (!service.isEmpty() && !ownService) {
            s.append("\n[Service]\n");
            for (Entry e : service) {
                refuse(e.key(), e.value(), false);
                s.append(e.key()).append('=').append(e.value()).append('\n');
            }
        }
        for (String x : sections) {
            s.append('\n').append(x).append('\n');
        }
        return s.toString();
    }

    private static void refuse(String what, String value, boolean linesAllowed) throws ModuleFailure {
        UnitValues.refuseControl(what, linesAllowed ? value.replace('\n', ' ') : value);
    }

    /** Writes {@code content} as {@code name.suffix} when it differs; the result names the file. */
    static ModuleResult apply(ModuleContext ctx, String suffix, String name, String content) throws ModuleFailure {
        ModuleArgs a = ctx.args();
        String fileName = a.optString("quadlet_filename").orElse(name);
        if (!fileName.endsWith("." + suffix)) {
            fileName += "." + suffix;
        }
        if (fileName.contains("/") || fileName.startsWith("-") || fileName.startsWith(".")) {
            throw new ModuleFailure("option 'quadlet_filename': '" + fileName + "' must be a plain file name (no '/', no leading '-' or '.')");
        }
        UnitValues.refuseControl("quadlet_filename", fileName);
        String dirOpt = a.string("quadlet_dir");
        String mode;
        try {
            mode = FileMode.normalize(a.raw("quadlet_file_mode"));
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure("option 'quadlet_file_mode': " + e.getMessage());
        }
        String dirShell = dirOpt == null ? "\"$( [ \"$(id -u)\" = 0 ] && echo " + ROOT_DIR + " || echo \"$HOME/" + USER_DIR + "\")\""
                : dirOpt.startsWith("~/") ? "\"$HOME\"/" + ShellQuote.quote(dirOpt.substring(2)) : ShellQuote.quote(dirOpt);
        StringBuilder probe = new StringBuilder("__jp_qd=").append(dirShell).append("; ");
        probe.append(ScriptSections.capture("dir", "printf %s \"$__jp_qd\"", false));
        if (!ctx.checkMode()) {
            probe.append("mkdir -p -- \"$__jp_qd\" 2>/dev/null; ");
        }
        String file = "\"$__jp_qd\"/" + ShellQuote.quote(fileName);
        probe.append(ScriptSections.capture("current", "[ -f " + file + " ] && cat -- " + file, false));
        probe.append(ScriptSections.capture("mode", "[ -f " + file + " ] && stat -c %a -- " + file, false));
        ExecResult pr = ctx.exec(probe.toString());
        ScriptSections out = ScriptSections.parse(pr.out());
        if (!out.has("current.rc")) {
            throw new ModuleFailure("probing the quadlet folder failed: " + pr.errTrimmed(), Map.of("stderr", pr.err()));
        }
        String path = out.text("dir") + "/" + fileName;
        boolean exists = out.ok("current");
        String current = exists ? out.text("current") : "";
        boolean differs = !exists || !UnitText.sameUnit(current, content);
        ModuleResult.Builder res = ModuleResult.changed(false).value("quadlet_file", path).value("content", content);
        if (differs && ctx.diffMode()) {
            res.diff(FileDiff.of(path, current, content));
        }
        boolean changed = differs;
        if (differs && !ctx.checkMode()) {
            ctx.files().write(path, content.getBytes(StandardCharsets.UTF_8),
                    new FileAttributes(mode != null ? mode : exists && out.ok("mode") ? "0" + out.text("mode").strip() : "0640", null, null));
        } else if (!differs && mode != null) {
            changed = ctx.files().applyAttributes(path, new FileAttributes(mode, null, null), ctx.checkMode());
        }
        return res.changed(changed).msg(changed ? (ctx.checkMode() ? "would write " : "wrote ") + path : path + " is up to date").build();
    }
}
