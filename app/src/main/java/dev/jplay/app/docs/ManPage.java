package dev.jplay.app.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;
import java.util.Map;

/**
 * jplay(1), rendered in man(7) roff from picocli's command model: the same options, descriptions and exit
 * codes as {@code --help}, for every subcommand. What the model does not hold (environment, files) is
 * listed here.
 */
public final class ManPage {
    /** Environment variables jplay reads, with what they do. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "JAVA_HOME", "the Java 17+ installation to run jplay with; without it, java on PATH",
            "JPLAY_JAVA_OPTS", "more options for the JVM",
            "JPLAY_VAULT_PASSWORD", "the vault password itself",
            "JPLAY_VAULT_PASSWORD_FILE", "a file holding the vault password (also ANSIBLE_VAULT_PASSWORD_FILE)",
            "NO_COLOR", "no colour, even on a terminal (also TERM=dumb); JPLAY_FORCE_COLOR forces it",
            "ANSIBLE_ROLES_PATH", "more folders to look for roles in",
            "XDG_CACHE_HOME", "where an installed jplay keeps its class-data archive (default ~/.cache/jplay)");

    private final CommandLine root;
    private final String version;
    private final String date;

    public ManPage(CommandLine root, String version, String date) {
        this.root = root;
        this.version = version;
        this.date = date;
    }

    public String render() {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder out = new StringBuilder();
        out.append(".TH JPLAY 1 \"").append(date).append("\" \"jplay ").append(Roff.text(version)).append("\" \"User Commands\"\n");
        out.append(".SH NAME\n").append("jplay \\- ").append(Roff.text(lowerFirst(first(spec.usageMessage().description())))).append('\n');
        out.append(".SH SYNOPSIS\n");
        synopsis(out, spec, "jplay");
        for (CommandLine sub : root.getSubcommands().values()) {
            synopsis(out, sub.getCommandSpec(), "jplay " + sub.getCommandName());
        }
        out.append(".SH DESCRIPTION\n").append(Roff.text(String.join(" ", spec.usageMessage().description()))).append('\n');
        out.append(".PP\nThe playbooks, inventories and vault files are Ansible's; so are the options, named as in\n")
                .append(".BR ansible\\-playbook (1).\n");
        arguments(out, spec);
        out.append(".SH OPTIONS\n");
        options(out, spec);
        out.append(".SH COMMANDS\n");
        for (CommandLine sub : root.getSubcommands().values()) {
            command(out, sub, "jplay " + sub.getCommandName());
        }
        out.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> code : spec.usageMessage().exitCodeList().entrySet()) {
            out.append(".TP\n.B ").append(Roff.text(code.getKey().strip())).append('\n').append(Roff.text(code.getValue())).append('\n');
        }
        out.append(".SH ENVIRONMENT\n");
        ENVIRONMENT.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append(".TP\n.B ").append(Roff.literal(e.getKey())).append('\n').append(Roff.text(e.getValue())).append('\n'));
        out.append(".SH FILES\n")
                .append(".TP\n.I library/\nmodule jars beside a playbook, used like built-in modules (see \\fB\\-M\\fR)\n")
                .append(".TP\n.I /usr/share/jplay/\nthe installed jplay: its jars, playbooks, templates and inventory.example\n");
        out.append(".SH SEE ALSO\n.BR ansible\\-playbook (1),\n.BR ansible\\-inventory (1),\n.BR ansible\\-vault (1);\n")
                .append("\\fBjplay doc \\-\\-list\\fR lists the modules, \\fBjplay doc\\fR \\fIMODULE\\fR documents one.\n");
        return out.toString();
    }

    private static void synopsis(StringBuilder out, CommandSpec spec, String name) {
        out.append(".B ").append(Roff.literal(name)).append('\n');
        if (!spec.options().isEmpty()) {
            out.append("[\\fIOPTIONS\\fR]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            out.append(' ').append(paramText(p));
        }
        if (!spec.subcommands().isEmpty() && spec.parent() != null) {
            out.append(" \\fICOMMAND\\fR");
        }
        out.append("\n.br\n");
    }

    private static void command(StringBuilder out, CommandLine command, String name) {
        CommandSpec spec = command.getCommandSpec();
        out.append(".SS \"").append(Roff.literal(name)).append("\"\n")
                .append(Roff.text(String.join(" ", spec.usageMessage().description()))).append('\n');
        arguments(out, spec);
        options(out, spec);
        for (CommandLine sub : command.getSubcommands().values()) {
            command(out, sub, name + " " + sub.getCommandName());
        }
    }

    private static void arguments(StringBuilder out, CommandSpec spec) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.description().length > 0) {
                out.append(".TP\n").append(paramText(p)).append('\n').append(description(p)).append('\n');
            }
        }
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            out.append(".TP\n");
            List<String> names = List.of(o.names());
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ", ").append("\\fB").append(Roff.literal(names.get(i))).append("\\fR");
            }
            if (o.arity().max() > 0) {
                out.append(' ').append("\\fI").append(Roff.text(o.paramLabel())).append("\\fR");
            }
            out.append('\n').append(description(o)).append('\n');
        }
    }

    private static String paramText(PositionalParamSpec p) {
        String label = "\\fI" + Roff.text(p.paramLabel()) + "\\fR" + (p.arity().max() > 1 ? "..." : "");
        return p.arity().min() == 0 ? "[" + label + "]" : label;
    }

    /** The description as --help shows it, with ${DEFAULT-VALUE} and friends filled in. */
    private static String description(ArgSpec arg) {
        String[] lines = arg.renderedDescription();
        return lines.length == 0 ? "" : Roff.text(String.join(" ", lines));
    }

    /** man-pages(7): the NAME line's description starts in lower case ("jplay - runs ..."). */
    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0];
    }
}
