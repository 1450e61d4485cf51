package dev.jplay.engine.registry;

import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every module jplay knows: the built-in ones on the class path and users' jars from {@code library/}
 * folders, found through {@link ServiceLoader}. Names resolve with or without Ansible's
 * {@code ansible.builtin.} (and other collection) prefixes.
 */
public final class ModuleRegistry {
    private static final List<String> PREFIXES = List.of("ansible.builtin.", "ansible.legacy.", "ansible.posix.",
            "community.general.", "containers.podman.", "jplay.");

    private final Map<String, Module> byName = new TreeMap<>();

    private ModuleRegistry() {
    }

    /** Modules on the class path plus those in jars in the given folders (missing folders are ignored). */
    public static ModuleRegistry load(List<Path> libraryDirs) {
        ModuleRegistry r = new ModuleRegistry();
        ClassLoader parent = ModuleRegistry.class.getClassLoader();
        List<URL> jars = new ArrayList<>();
        for (Path dir : libraryDirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(p.toUri().toURL());
                    }
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list module library " + dir + ": " + e.getMessage(), e);
                }
            }
        }
        ClassLoader cl = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        for (Module m : ServiceLoader.load(Module.class, cl)) {
            r.register(m);
        }
        return r;
    }

    /** A registry of exactly these modules (tests). */
    public static ModuleRegistry of(Module... modules) {
        ModuleRegistry r = new ModuleRegistry();
        for (Module m : modules) {
            r.register(m);
        }
        return r;
    }

    public void register(Module m) {
        ModuleSpec spec = m.spec();
        byName.put(spec.name(), m);
        for (String a : spec.aliases()) {
            byName.putIfAbsent(a, m);
        }
    }

    public Optional<Module> find(String name) {
        Module m = byName.get(name);
        if (m == null) {
            for (String p : PREFIXES) {
                if (name.startsWith(p)) {
                    m = byName.get(name.substring(p.length()));
                    break;
                }
            }
        }
        return Optional.ofNullable(m);
    }

    public boolean isModule(String name) {
        return find(name).isPresent();
    }

    /** Every name and alias. */
    public Collection<String> names() {
        return byName.keySet();
    }

    /** One entry per module (aliases folded), sorted by name. */
    public List<Module> modules() {
        return byName.entrySet().stream().filter(e -> e.getKey().equals(e.getValue().spec().name())).map(Map.Entry::getValue).toList();
    }
}
