package dev.jplay.engine.expr.lib;

import dev.jplay.engine.expr.value.PyValues;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The file, template, fileglob and first_found lookups: controller files found along the search path. */
final class FileLookups {
    private FileLookups() {
    }

    static void register(Library.Builder b) {
        b.lookup("file", FileLookups::file);
        b.lookup("template", FileLookups::template);
        b.lookup("fileglob", FileLookups::fileglob);
        b.lookup("first_found", FileLookups::firstFound);
    }

    private static List<Object> file(List<Object> terms, CallArgs a, CallContext ctx) {
        boolean lstrip = PyValues.truthy(a.named().getOrDefault("lstrip", false));
        boolean rstrip = PyValues.truthy(a.named().getOrDefault("rstrip", true));
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = PyValues.str(t);
            Path p = ControllerFiles.find(ctx, "files", term).filter(Files::isRegularFile).orElseThrow(() ->
                    new FilterError("could not locate file in lookup: " + term + " (searched " + searchedIn(ctx, "files") + ")"));
            out.add(PyText.strip(ControllerFiles.read(p, "file"), null, lstrip, rstrip));
        }
        return out;
    }

    private static String searchedIn(CallContext ctx, String subdir) {
        List<String> dirs = new ArrayList<>();
        ctx.searchPath().forEach(d -> {
            dirs.add(d.resolve(subdir).toString());
            dirs.add(d.toString());
        });
        return String.join(", ", dirs);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> template(List<Object> terms, CallArgs a, CallContext ctx) {
        Object extra = a.named().get("template_vars");
        Map<String, Object> vars = extra instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = PyValues.str(t);
            Path p = ControllerFiles.find(ctx, "templates", term).filter(Files::isRegularFile).orElseThrow(() ->
                    new FilterError("the template file " + term + " could not be found for the lookup"));
            out.add(ctx.renderTemplate(ControllerFiles.read(p, "template"), p.toString(), vars));
        }
        return out;
    }

    /** fileglob: the files (not folders) matching the pattern, in the files/ folders of the search path when relative. */
    private static List<Object> fileglob(List<Object> terms, CallArgs a, CallContext ctx) {
        List<Object> out = new ArrayList<>();
        for (Object t : terms) {
            String term = PyValues.str(t);
            String dirPart = PyPaths.dirname(term);
            String namePart = PyPaths.basename(term);
            List<Path> dirs = new ArrayList<>();
            if (!namePart.equals(term)) {
                ControllerFiles.find(ctx, "files", dirPart.isEmpty() ? "/" : dirPart).ifPresent(dirs::add);
            } else {
                for (Path d : ctx.searchPath()) {
                    dirs.add(d.resolve("files"));
                    dirs.add(d);
                }
            }
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + namePart);
            for (Path dir : dirs) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> m.matches(p.getFileName()) && Files.isRegularFile(p)).map(p -> (Object) p.normalize().toString())
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    // Ansible's glob gives nothing for a folder it cannot read
                }
                if (!out.isEmpty()) {
                    break;
                }
            }
        }
        return out;
    }

    /** first_found: files (and paths) from the terms and the files=/paths= options; skip=True gives [] instead of an error. */
    private static List<Object> firstFound(List<Object> terms, CallArgs a, CallContext ctx) {
        List<String> candidates = new ArrayList<>();
        boolean skip = collect(terms, a.named(), candidates);
        for (String c : candidates) {
            Optional<Path> p = ControllerFiles.find(ctx, ctx.lookupSubdir(), c);
            if (p.isPresent()) {
                return new ArrayList<>(List.of(p.get().toString()));
            }
        }
        if (skip) {
            return new ArrayList<>();
        }
        throw new FilterError("No file was found when using first_found.");
    }

    private static boolean collect(Collection<?> terms, Map<String, Object> kwargs, List<String> out) {
        boolean skip = PyValues.truthy(kwargs.getOrDefault("skip", false));
        for (Object term : terms) {
            Map<String, Object> options;
            if (term instanceof Map<?, ?> m) {
                options = Operands.map(m, "first_found");
            } else if (term instanceof CharSequence) {
                options = kwargs;
            } else if (term instanceof List<?> l) {
                skip = collect(l, kwargs, out) || skip;
                continue;
            } else {
                throw new FilterError("Invalid term supplied, can handle string, mapping or list of strings but got: "
                        + DictFilters.pyClass(term) + " for " + PyValues.str(term));
            }
            List<String> files = split(options.get("files"), ",;");
            List<String> paths = split(options.get("paths"), ",:;");
            skip = PyValues.truthy(options.getOrDefault("skip", false));
            if (!paths.isEmpty()) {
                for (String path : paths) {
                    for (String f : files) {
                        out.add(f.startsWith("/") ? f : path.endsWith("/") ? path + f : path + "/" + f);
                    }
                }
            } else if (!files.isEmpty()) {
                out.clear();
                out.addAll(files);
            } else {
                out.add(PyValues.str(term));
            }
        }
        return skip;
    }

    private static List<String> split(Object v, String separators) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof CharSequence s) {
            for (String part : s.toString().split("[" + separators + "]", -1)) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        for (Object o : Operands.iterate(v, "first_found")) {
            out.addAll(split(o, separators));
        }
        return out;
    }
}
