package dev.jplay.engine.run;

import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.inventory.Inventory;
import dev.jplay.engine.inventory.InventoryLoader;
import dev.jplay.engine.playbook.Play;
import dev.jplay.engine.playbook.Playbook;
import dev.jplay.engine.playbook.PlaybookLoader;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleContext;
import dev.jplay.engine.spi.ModuleFailure;
import dev.jplay.engine.spi.ModuleResult;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.spi.OptionSpec;
import dev.jplay.engine.spi.OptionType;
import dev.jplay.engine.testkit.ScriptedConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a playbook through the real loader and runner against scripted hosts: every host gets a
 * {@link ScriptedConnection} with the given rules (facts answer with a Debian host), the opener
 * records the variables each connection was opened with, and a listener records the events.
 */
final class RunHarness {
    /** A module for the runner's tests: runs {@code cmd} on the host; "changed" in its output means a change. */
    static final class ProbeModule implements Module {
        @Override
        public ModuleSpec spec() {
            return ModuleSpec.builder("probe").option(OptionSpec.of("cmd", OptionType.STR, "command").asRequired()).build();
        }

        @Override
        public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
            var r = ctx.exec(ctx.args().string("cmd"));
            if (r.exitCode() != 0) {
                throw new ModuleFailure("rc " + r.exitCode());
            }
            return ModuleResult.changed(r.out().contains("changed")).value("stdout", r.out().strip()).build();
        }
    }

    private static final class SetFact implements Module {
        @Override
        public ModuleSpec spec() {
            return ModuleSpec.builder("set_fact").anyOptions().build();
        }

        @Override
        public ModuleResult run(ModuleContext ctx) {
            ModuleResult.Builder b = ModuleResult.ok();
            ctx.vars().keySet().stream().filter(ctx.args()::has).forEach(k -> b.fact(k, ctx.args().raw(k)));
            return b.build();
        }
    }

    private static final class Meta implements Module {
        @Override
        public ModuleSpec spec() {
            return ModuleSpec.builder("meta").freeForm().build();
        }

        @Override
        public ModuleResult run(ModuleContext ctx) throws ModuleFailure {
            throw new ModuleFailure("meta reached the module");
        }
    }

    static final String FACTS = "hostname=h\nos_id=debian\nos_version=12\nuser_id=root\n";

    final Path dir;
    final ModuleRegistry modules = ModuleRegistry.of(new ProbeModule(), new SetFact(), new Meta());
    final Expressions expressions = new Expressions();
    final Map<String, ScriptedConnection> connections = new ConcurrentHashMap<>();
    final Map<String, Map<String, Object>> openedWith = new ConcurrentHashMap<>();
    /** How many connections were opened, over all hosts. */
    final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<TaskOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final List<String[]> rules = new ArrayList<>();
    private Map<String, Object> extraVars = Map.of();
    private RunOptions.BecomeDefaults become = RunOptions.BecomeDefaults.NONE;

    RunHarness(Path dir) {
        this.dir = dir;
    }

    /** Every host answers commands matching {@code regex} with rc and stdout. */
    RunHarness on(String regex, int rc, String out) {
        rules.add(new String[] {regex, String.valueOf(rc), out});
        return this;
    }

    RunHarness extraVars(Map<String, Object> vars) {
        extraVars = vars;
        return this;
    }

    RunHarness become(RunOptions.BecomeDefaults b) {
        become = b;
        return this;
    }

    RunStats run(String inventory, String playbook) throws IOException {
        Path inv = Files.writeString(dir.resolve("hosts.ini"), inventory);
        Path site = Files.writeString(dir.resolve("site.yml"), playbook);
        Playbook pb = loader().load(site);
        Inventory inventoryModel = InventoryLoader.load(List.of(inv.toString()), dir);
        RunOptions options = new RunOptions(false, false, 5, null, Set.of(), Set.of(), extraVars, null, become, 0, (name, vars) -> {
            openedWith.put(name, new LinkedHashMap<>(vars));
            opened.incrementAndGet();
            ScriptedConnection c = new ScriptedConnection();
            c.on("os-release", 0, FACTS);
            rules.forEach(r -> c.on(r[0], Integer.parseInt(r[1]), r[2]));
            connections.put(name, c);
            return c;
        }, List.of());
        return new PlaybookRunner(inventoryModel, modules, expressions, options, new RunListener() {
            @Override
            public void playStarted(Play play, List<String> hosts) {
                events.add("PLAY " + hosts);
            }

            @Override
            public void taskStarted(String kind, String title) {
                events.add(kind + " " + title);
            }

            @Override
            public void hostResult(TaskOutcome o) {
                outcomes.add(o);
                events.add(o.status() + " " + o.host());
            }

            @Override
            public void included(String file, List<String> hosts, String item) {
                events.add("included " + Path.of(file).getFileName() + " " + hosts + (item == null ? "" : " " + item));
            }

            @Override
            public void warning(String message) {
                events.add("WARNING " + message);
            }
        }).run(pb, loader());
    }

    PlaybookLoader loader() {
        return new PlaybookLoader(modules, expressions, new TemplateFiles(expressions), List.of());
    }

    List<TaskOutcome> outcomesOf(String task) {
        return outcomes.stream().filter(o -> o.task().equals(task)).toList();
    }

    List<ExecRequest> requests(String host) {
        ScriptedConnection c = connections.get(host);
        return c == null ? List.of() : c.requests();
    }
}
