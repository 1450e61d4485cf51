package dev.jplay.modules.flow;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Ansible's {@code include_vars}: variables from YAML or JSON files on the controller, set on the
 * host when the task runs (above play vars, like set_fact). One file ({@code file}, or free form), or
 * every matching file of a folder ({@code dir}, sorted by path as Ansible does), optionally all under
 * one variable ({@code name}). Relative names are looked up as {@code copy src=} is: the role's
 * files, the task's folder, the playbook's.
 */
public final class IncludeVarsModule implements Module {
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ModuleSpec SPEC = ModuleSpec.builder("include_vars")
            .describe("Loads variables from YAML/JSON files on the controller: one file, or the files of a folder.")
            .freeForm()
            .option(OptionSpec.of("file", OptionType.PATH, "the vars file (also the free-form text)"))
            .option(OptionSpec.of("dir", OptionType.PATH, "a folder whose vars files are all read, sorted by path"))
            .option(OptionSpec.of("name", OptionType.STR, "put the variables under this one variable"))
            .option(OptionSpec.of("files_matching", OptionType.STR, "with dir: only file names this regular expression matches"))
            .option(OptionSpec.of("ignore_files", OptionType.LIST, "with dir: file names to leave out").defaultValue(List.of()))
            .option(OptionSpec.of("extensions", OptionType.LIST, "with dir: the file extensions read")
                    .defaultValue(List.of("yaml", "yml", "json")))
            .option(OptionSpec.of("depth", OptionType.INT, "with dir: how deep to look (0: all the way)").defaultValue(0))
            .mutuallyExclusive("file", "dir")
            .mutuallyExclusive(ModuleSpec.RAW_PARAMS, "dir")
            .build();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
        var a = ctx.args();
        String file = a.has("file") ? a.string("file") : a.string(ModuleSpec.RAW_PARAMS);
        List<Path> files = new ArrayList<>();
        if (a.has("dir")) {
            files.addAll(dirFiles(ctx.findFile(a.string("dir")), a.string("files_matching"), a.stringList("ignore_files"),
                    a.stringList("extensions"), (int) a.integer("depth", 0)));
        } else if (file != null && !file.isBlank()) {
            files.add(ctx.findFile(file.strip()));
        } else {
            throw new ModuleFailure("include_vars needs a file (include_vars: FILE or file: FILE) or a dir");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Path p : files) {
            try {
                vars.putAll(PlaybookLoader.readVarsFile(p));
            } catch (InputError e) {
                throw new ModuleFailure(e.describe());
            }
        }
        for (String k : vars.keySet()) {
            if (!VAR_NAME.matcher(k).matches()) {
                throw new ModuleFailure("'" + k + "' is not a valid variable name (letters, digits, _)");
            }
        }
        ModuleResult.Builder b = ModuleResult.ok().value("ansible_included_var_files", files.stream().map(Path::toString).toList());
        String name = a.string("name");
        if (name != null) {
            if (!VAR_NAME.matcher(name).matches()) {
                throw new ModuleFailure("option 'name': '" + name + "' is not a valid variable name (letters, digits, _)");
            }
            b.fact(name, vars);
        } else {
            vars.forEach(b::fact);
        }
        return b.build();
    }

    private static List<Path> dirFiles(Path dir, String matching, List<String> ignore, List<String> extensions, int depth)
            throws ModuleFailure {
        if (!Files.isDirectory(dir)) {
            throw new ModuleFailure("dir '" + dir + "' is not a folder");
        }
        Pattern match;
        try {
            match = matching == null ? null : Pattern.compile(matching);
        } catch (PatternSyntaxException e) {
            throw new ModuleFailure("option 'files_matching': " + e.getDescription());
        }
        try (Stream<Path> s = Files.walk(dir, depth <= 0 ? Integer.MAX_VALUE : depth)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        int dot = n.lastIndexOf('.');
                        return dot > 0 && extensions.contains(n.substring(dot + 1)) && !ignore.contains(n)
                                && (match == null || match.matcher(n).find());
                    })
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ModuleFailure("cannot read dir '" + dir + "': " + e.getMessage());
        }
    }
}
