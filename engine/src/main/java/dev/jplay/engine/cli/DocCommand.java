package dev.jplay.engine.cli;

import dev.jplay.engine.registry.ModuleDocs;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.registry.Suggestions;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.ReturnValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jplay doc MODULE} and {@code jplay doc --list}: generated from each module's declared options. */
@Command(name = "doc", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show a module's documentation, or list all modules.")
public final class DocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "MODULE", completionCandidates = ModuleNames.class)
    String module;

    @Option(names = {"-l", "--list"}, description = "list every module with its summary")
    boolean list;

    @Option(names = {"-M", "--module-path"}, paramLabel = "DIR", description = "folders of extra module jars")
    List<Path> modulePath = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> libs = new ArrayList<>(modulePath);
        libs.add(Path.of("library"));
        ModuleRegistry registry = ModuleRegistry.load(libs);
        if (list || module == null) {
            for (Module m : registry.modules()) {
                ModuleSpec s = m.spec();
                out.printf("%-22s %s%n", s.name(), firstSentence(s.description()));
            }
            return ExitCodes.OK;
        }
        Module m = registry.find(module).orElse(null);
        if (m == null) {
            // as ansible-doc: a warning, exit 0
            spec.commandLine().getErr().println("[WARNING]: " + module + " was not found" + Suggestions.didYouMean(module, registry.names()));
            return ExitCodes.OK;
        }
        ModuleSpec s = ModuleDocs.of(m);
        out.println("> " + s.name().toUpperCase() + (s.aliases().isEmpty() ? "" : " (also: " + String.join(", ", s.aliases()) + ")"));
        out.println();
        out.println("  " + s.description().replace("\n", "\n  "));
        out.println();
        out.println("OPTIONS (= is mandatory):");
        for (OptionSpec o : s.options().values()) {
            if (o.name().equals(ModuleSpec.RAW_PARAMS)) {
                out.println("\n- free-form: " + o.description());
                continue;
            }
            out.println();
            out.println((o.required() ? "= " : "- ") + o.name() + (o.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", o.aliases()) + ")"));
            out.println("        " + o.description().replace("\n", "\n        "));
            StringBuilder meta = new StringBuilder("        type: " + o.type().name().toLowerCase());
            if (!o.choices().isEmpty()) {
                meta.append("; choices: ").append(String.join(", ", o.choices()));
            }
            if (o.defaultValue() != null) {
                meta.append("; default: ").append(o.defaultValue());
            }
            if (o.secret()) {
                meta.append("; secret: never shown in output");
            }
            out.println(meta);
        }
        if (!s.notImplemented().isEmpty()) {
            out.println();
            out.println("NOT IMPLEMENTED (refused at load): " + String.join(", ", s.notImplemented().keySet()));
        }
        out.println();
        out.println("CHECK MODE: " + (s.checkMode() ? "supported" : "not supported (the task is skipped in check mode)"));
        if (!s.examples().isEmpty()) {
            out.println();
            out.println("EXAMPLES:");
            out.println();
            out.println(s.examples().stripTrailing());
        }
        if (!s.returns().isEmpty()) {
            // the layout of ansible-doc's RETURN VALUES
            out.println();
            out.println("RETURN VALUES:");
            for (ReturnValue r : s.returns()) {
                out.println("- " + r.name());
                out.println("        " + r.description().strip().replace("\n", "\n        "));
                out.println("        returned: " + r.returned());
                out.println("        type: " + r.type());
                out.println();
            }
        }
        return ExitCodes.OK;
    }

    private static String firstSentence(String d) {
        int dot = d.indexOf(". ");
        int nl = d.indexOf('\n');
        int end = dot < 0 ? d.length() : dot + 1;
        if (nl >= 0 && nl < end) {
            end = nl;
        }
        return d.substring(0, end);
    }
}
