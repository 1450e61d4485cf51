package dev.jplay.engine.playbook;

import dev.jplay.engine.error.InputError;
import dev.jplay.engine.error.SourceLocation;
import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.Expressions;
import dev.jplay.engine.expr.LoopLookup;
import dev.jplay.engine.expr.TemplateFiles;
import dev.jplay.engine.registry.ArgsBinder;
import dev.jplay.engine.registry.ModuleRegistry;
import dev.jplay.engine.registry.Suggestions;
import dev.jplay.engine.spi.MetaAction;
import dev.jplay.engine.spi.Module;
import dev.jplay.engine.spi.ModuleSpec;
import dev.jplay.engine.yaml.YamlNode;
import dev.jplay.engine.yaml.YamlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a playbook and everything it imports into {@link Playbook}, and validates all that is written
 * literally — every key (from the {@link Keyword} table), module, option and sub-option, type, meta
 * action and expression's syntax — so that nothing runs unless the playbook is valid; templated
 * values are typed when they are rendered. Every error is an {@link InputError} with
 * file:line:column and the task's name.
 */
public final class PlaybookLoader implements TaskFileLoader {
    static final Set<String> PLAY_KEYS = Keyword.playKeys();
    static final Set<String> TASK_KEYWORDS = Keyword.taskKeys();
    private static final Set<String> BLOCK_KEYS = Set.of("block", "rescue", "always");
    private static final Set<String> INCLUDES = Set.of("include_tasks", "import_tasks", "import_role", "include_role");

    private final ModuleRegistry modules;
    private final Expressions expressions;
    private final TemplateFiles templates;
    private final List<Path> projectTemplateDirs;
    private final Deque<Path> importing = new ArrayDeque<>();
    /** The folder of the playbook given on the command line: copy's src is also looked up there. */
    private Path playbookDir;
    /** Handlers of roles brought in by import_role/include_role in the play being read; they join its handlers. */
    private List<TaskNode> importedRoleHandlers = new ArrayList<>();

    /** @param projectTemplateDirs the project's own {@code templates/} folders, searched last */
    public PlaybookLoader(ModuleRegistry modules, Expressions expressions, TemplateFiles templates, List<Path> projectTemplateDirs) {
        this.modules = modules;
        this.expressions = expressions;
        this.templates = templates;
        this.projectTemplateDirs = List.copyOf(projectTemplateDirs);
    }

    public Playbook load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new InputError(SourceLocation.of(file), "playbook not found: " + file);
        }
        playbookDir = abs.getParent();
        return new Playbook(abs, loadPlays(abs));
    }

    private List<Play> loadPlays(Path file) {
        enter(file, null);
        try {
            YamlNode root = YamlReader.read(file);
            if (root == null) {
                throw new InputError(new SourceLocation(file, 1, 1), "Empty playbook, nothing to do (a playbook is a list of plays, "
                        + "each starting with '- hosts:' or '- import_playbook:')");
            }
            if (root instanceof YamlNode.Seq empty && empty.items().isEmpty()) {
                throw new InputError(root.location(), "A playbook must contain at least one play ('- hosts: ...')");
            }
            if (!(root instanceof YamlNode.Seq seq)) {
                throw new InputError(root.location(), "a playbook must be a list of plays (each starting with '- hosts:' or "
                        + "'- import_playbook:'), not " + root.kind());
            }
            List<Play> plays = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                if (!(item instanceof YamlNode.MapNode m)) {
                    throw new InputError(item.location(), "each play must be a mapping with 'hosts:', not " + item.kind());
                }
                String imp = m.entries().containsKey("import_playbook") ? "import_playbook"
                        : m.entries().containsKey("ansible.builtin.import_playbook") ? "ansible.builtin.import_playbook" : null;
                if (imp != null) {
                    NodeReader r = new NodeReader(m, "import_playbook");
                    String target = r.string(imp);
                    if (target == null || target.contains("{{")) {
                        throw r.error(imp, "import_playbook needs a file name (expressions are not allowed in static imports)");
                    }
                    Path p = file.getParent().resolve(target).normalize();
                    if (!Files.isRegularFile(p)) {
                        throw new InputError(r.where(imp), "import_playbook", "imported playbook not found: " + p);
                    }
                    plays.addAll(loadPlaysFrom(p, r.where(imp)));
                    continue;
                }
                plays.add(parsePlay(m, file));
            }
            return plays;
        } finally {
            importing.pop();
        }
    }

    private List<Play> loadPlaysFrom(Path p, SourceLocation from) {
        if (importing.contains(p)) {
            throw new InputError(from, "circular import_playbook: " + chain(p));
        }
        return loadPlays(p);
    }

    private void enter(Path file, SourceLocation from) {
        if (importing.contains(file)) {
            throw new InputError(from, "circular import: " + chain(file));
        }
        if (importing.size() > 50) {
            throw new InputError(from, "imports are nested more than 50 deep");
        }
        importing.push(file);
    }

    private String chain(Path again) {
        List<String> names = new ArrayList<>();
        importing.descendingIterator().forEachRemaining(p -> names.add(p.getFileName().toString()));
        names.add(again.getFileName().toString());
        return String.join(" -> ", names);
    }

    private Play parsePlay(YamlNode.MapNode m, Path file) {
        String name = m.get("name") instanceof YamlNode.Scalar s ? s.text() : null;
        String ctx = name != null ? "play '" + name + "'"
                : m.get("hosts") instanceof YamlNode.Scalar h && h.value() != null ? "play (hosts: " + h.text() + ")" : "play";
        NodeReader r = new NodeReader(m, ctx);
        for (String key : m.entries().keySet()) {
            if (!PLAY_KEYS.contains(key)) {
                String hint = TASK_KEYWORDS.contains(key) || modules.isModule(key)
                        ? " ('" + key + "' belongs in a task under 'tasks:')" : Suggestions.didYouMean(key, PLAY_KEYS);
                throw r.error(key, "unknown play keyword '" + key + "'" + hint);
            }
        }
        String hosts = r.has("hosts") ? String.join(",", r.stringList("hosts")) : null;
        if (hosts == null || hosts.isBlank()) {
            throw r.error(null, "a play needs 'hosts:' (a host pattern such as all, webservers or localhost)");
        }
        String strategy = r.string("strategy");
        if (strategy != null && strategy.contains("{{")) {
            // "{{ test_strategy | default('linear') }}": what it gives without variables is what jplay can run
            try {
                strategy = String.valueOf(expressions.render(strategy, new dev.jplay.engine.expr.VarScope(new java.util.LinkedHashMap<>(), expressions)));
            } catch (RuntimeException e) {
                throw r.error("strategy", "only the linear strategy is supported, and '" + strategy + "' needs variables to say which it is");
            }
        }
        if (strategy != null && !strategy.equals("linear")) {
            throw r.error("strategy", "only the linear strategy is supported, not '" + strategy + "'");
        }
        checkTemplated(r, "hosts", hosts);
        Path base = file.getParent();
        TaskKeywords playKw = readKeywords(r, ctx, true);
        Map<String, Object> vars = r.mapping("vars");
        expressionsIn(vars, r, "vars");
        List<String> varsFiles = r.stringList("vars_files");
        for (String vf : varsFiles) {
            if (!vf.contains("{{") && !Files.isRegularFile(base.resolve(vf))) {
                throw r.error("vars_files", "vars file not found: " + base.resolve(vf));
            }
        }
        Boolean gather = r.bool("gather_facts");
        List<RoleContext> roles = new ArrayList<>();
        List<TaskNode> roleTasks = new ArrayList<>();
        List<TaskNode> roleHandlers = new ArrayList<>();
        for (YamlNode rn : r.list("roles")) {
            loadRole(rn, base, playKw, roles, roleTasks, roleHandlers, ctx);
        }
        List<TaskNode> outerImported = importedRoleHandlers;
        importedRoleHandlers = new ArrayList<>();
        List<TaskNode> tasks = new ArrayList<>(roleTasks);
        tasks.addAll(taskList(r.list("tasks"), base, playKw, null));
        List<TaskNode> handlers = new ArrayList<>(taskList(r.list("handlers"), base, playKw, null));
        handlers.addAll(roleHandlers);
        List<Object> serial = new ArrayList<>();
        YamlNode sn = r.node("serial");
        if (sn instanceof YamlNode.Seq seq) {
            for (YamlNode i : seq.items()) {
                if (!(i instanceof YamlNode.Scalar sc) || !(sc.value() instanceof Number
                        || sc.value() instanceof String str && (str.contains("{{") || str.strip().matches("\\d{1,9}(\\.\\d+)?%?")))) {
                    throw new InputError(i.location(), ctx, "each 'serial' entry must be a number of hosts or a percentage such as 30%, not "
                            + NodeReader.describe(i));
                }
                serial.add(sc.value());
            }
        } else if (sn != null) {
            serial.add(r.numberOrExpression("serial"));
        }
        Boolean aef = r.bool("any_errors_fatal");
        Boolean fh = r.bool("force_handlers");
        List<TaskNode> preTasks = taskList(r.list("pre_tasks"), base, playKw, null);
        List<TaskNode> postTasks = taskList(r.list("post_tasks"), base, playKw, null);
        handlers.addAll(importedRoleHandlers);
        importedRoleHandlers = outerImported;
        checkNotifies(handlers, List.of(preTasks, tasks, postTasks, handlers));
        return new Play(name, hosts, vars, varsFiles, gather == null || gather, preTasks, tasks, postTasks, handlers, roles, playKw,
                serial, aef != null && aef, r.numberOrExpression("max_fail_percentage"), fh != null && fh, m.location(), base);
    }

    /** Every notify must name a handler of the play (its name, "role : name", or a listen topic); a typo would never run it. */
    private static void checkNotifies(List<TaskNode> handlers, List<List<TaskNode>> sections) {
        Set<String> known = new LinkedHashSet<>();
        for (TaskNode h : handlers) {
            if (h instanceof TaskNode.Task t) {
                known.addAll(HandlerNames.of(t));
            }
        }
        for (List<TaskNode> section : sections) {
            checkNotifies(section, known);
        }
    }

    private static void checkNotifies(List<TaskNode> nodes, Set<String> known) {
        for (TaskNode n : nodes) {
            if (n instanceof TaskNode.Task t) {
                for (String target : t.keywords().notifies()) {
                    if (!known.contains(target) && !target.contains("{{")) {
                        throw new InputError(t.location(), t.name() != null ? "task '" + t.name() + "'" : "task",
                                "notify: no handler or listen topic named '" + target + "' in this play"
                                        + Suggestions.didYouMean(target, known));
                    }
                }
            } else if (n instanceof TaskNode.Block b) {
                checkNotifies(b.block(), known);
                checkNotifies(b.rescue(), known);
                checkNotifies(b.always(), known);
            }
        }
    }

    private void loadRole(YamlNode rn, Path base, TaskKeywords playKw, List<RoleContext> roles, List<TaskNode> tasks,
                          List<TaskNode> handlers, String ctx) {
        String roleName;
        Map<String, Object> params = new LinkedHashMap<>();
        TaskKeywords roleKw = TaskKeywords.EMPTY;
        if (rn instanceof YamlNode.Scalar s) {
            roleName = s.text();
        } else if (rn instanceof YamlNode.MapNode m) {
            NodeReader r = new NodeReader(m, ctx);
            roleName = r.has("role") ? r.string("role") : r.string("name");
            if (roleName == null) {
                throw r.error(null, "a role entry needs 'role: NAME'");
            }
            for (var e : m.entries().entrySet()) {
                if (!Set.of("role", "name", "vars", "tags", "when", "become", "become_user", "environment").contains(e.getKey())) {
                    params.put(e.getKey(), e.getValue().toJava());
                }
            }
            params.putAll(r.mapping("vars"));
            roleKw = readKeywords(r, ctx, true);
        } else {
            throw new InputError(rn.location(), ctx, "a role must be a name or a mapping with 'role:', not " + rn.kind());
        }
        Path dir = findRole(roleName, base, rn.location(), ctx);
        Map<String, Object> defaults = optionalVarsFile(dir.resolve("defaults"));
        Map<String, Object> vars = optionalVarsFile(dir.resolve("vars"));
        RoleContext role = new RoleContext(roleName, dir, defaults, vars, params);
        roles.add(role);
        TaskKeywords kw = roleKw.inheritFrom(playKw);
        Path tasksFile = mainFile(dir.resolve("tasks"));
        if (tasksFile != null) {
            tasks.addAll(loadTaskFile(tasksFile, kw, role, rn.location()));
        }
        Path handlersFile = mainFile(dir.resolve("handlers"));
        if (handlersFile != null) {
            handlers.addAll(loadTaskFile(handlersFile, kw, role, rn.location()));
        }
    }

    private Path findRole(String name, Path base, SourceLocation where, String ctx) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(base.resolve("roles").resolve(name));
        candidates.add(base.resolve(name));
        // roles_path of ansible.cfg, or ANSIBLE_ROLES_PATH
        dev.jplay.engine.config.AnsibleConfig.active().text(dev.jplay.engine.config.ConfigSetting.ROLES_PATH)
                .ifPresent(list -> java.util.Arrays.stream(list.split(",")).forEach(p -> candidates.add(Path.of(p).resolve(name))));
        for (Path c : candidates) {
            if (Files.isDirectory(c)) {
                return c.normalize();
            }
        }
        throw new InputError(where, ctx, "role '" + name + "' not found; looked in: "
                + String.join(", ", candidates.stream().map(Path::toString).toList()));
    }

    private static Path mainFile(Path dir) {
        for (String n : List.of("main.yml", "main.yaml")) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        return null;
    }

    private static Map<String, Object> optionalVarsFile(Path dir) {
        Path f = mainFile(dir);
        return f == null ? Map.of() : readVarsFile(f);
    }

    /** A YAML file holding a mapping of variables (vars_files, role defaults, group_vars). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readVarsFile(Path f) {
        YamlNode n = YamlReader.read(f);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return Map.of(); // an empty file, or only '---' and comments: no variables, as in Ansible
        }
        if (!(n instanceof YamlNode.MapNode m)) {
            throw new InputError(n.location(), "a vars file must be a mapping of variable names to values, not " + n.kind());
        }
        return (Map<String, Object>) m.toJava();
    }

    /** Reads a task file (import_tasks at load time, include_tasks at run time). */
    @Override
    public List<TaskNode> loadTaskFile(Path file, TaskKeywords inherited, RoleContext role, SourceLocation from) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new InputError(from, "task file not found: " + abs);
        }
        enter(abs, from);
        try {
            YamlNode root = YamlReader.read(abs);
            if (root == null) {
                throw new InputError(new SourceLocation(file, 1, 1), "Empty playbook, nothing to do (a playbook is a list of plays, "
                        + "each starting with '- hosts:' or '- import_playbook:')");
            }
            if (root instanceof YamlNode.Seq empty && empty.items().isEmpty()) {
                throw new InputError(root.location(), "A playbook must contain at least one play ('- hosts: ...')");
            }
            if (!(root instanceof YamlNode.Seq seq)) {
                throw new InputError(root.location(), "a task file must be a list of tasks, not " + root.kind());
            }
            return taskList(seq.items(), abs.getParent(), inherited, role);
        } finally {
            importing.pop();
        }
    }

    private List<TaskNode> taskList(List<YamlNode> items, Path base, TaskKeywords inherited, RoleContext role) {
        List<TaskNode> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.MapNode m)) {
                throw new InputError(item.location(), "each task must be a mapping such as '- name: ...' with a module, not "
                        + item.kind() + (item instanceof YamlNode.Scalar s ? " ('" + s.text() + "')" : ""));
            }
            out.addAll(task(m, base, inherited, role));
        }
        return out;
    }

    private List<TaskNode> task(YamlNode.MapNode m, Path base, TaskKeywords inherited, RoleContext role) {
        String name = m.get("name") instanceof YamlNode.Scalar s && s.value() != null ? s.text() : null;
        String ctx = name != null ? "task '" + name + "'" : "task";
        NodeReader r = new NodeReader(m, ctx);
        List<String> actions = new ArrayList<>();
        for (String key : m.entries().keySet()) {
            if (TASK_KEYWORDS.contains(key)) {
                continue;
            }
            if (BLOCK_KEYS.contains(key) || INCLUDES.contains(stripPrefix(key)) || modules.isModule(key)) {
                if (!key.equals("rescue") && !key.equals("always")) {
                    actions.add(key);
                }
                continue;
            }
            List<String> known = new ArrayList<>(modules.names());
            known.addAll(TASK_KEYWORDS);
            known.addAll(BLOCK_KEYS);
            known.addAll(INCLUDES);
            throw r.error(key, "unknown module or task keyword '" + key + "'" + Suggestions.didYouMean(key, known));
        }
        if ((m.entries().containsKey("rescue") || m.entries().containsKey("always")) && !m.entries().containsKey("block")) {
            throw r.error(m.entries().containsKey("rescue") ? "rescue" : "always", "'rescue' and 'always' belong to a 'block'");
        }
        if (actions.isEmpty()) {
            throw r.error(null, "the task has no module (e.g. 'command:', 'copy:'); keys given: " + String.join(", ", m.entries().keySet()));
        }
        if (actions.size() > 1) {
            throw r.error(actions.get(1), "a task runs exactly one module, but this one has " + String.join(" and ", actions)
                    + " (split it into two tasks)");
        }
        String action = actions.get(0);
        TaskKeywords own = readKeywords(r, ctx, false);
        TaskKeywords kw = own.inheritFrom(inherited);
        if (action.equals("block")) {
            for (Keyword k : Keyword.values()) {
                if (k.onTask() && !k.onBlock() && r.has(k.key())) {
                    throw r.error(k.key(), "'" + k.key() + "' cannot be used on a block");
                }
            }
            return List.of(new TaskNode.Block(name, taskList(r.list("block"), base, kw, role), taskList(r.list("rescue"), base, kw, role),
                    taskList(r.list("always"), base, kw, role), kw, m.location()));
        }
        String bare = stripPrefix(action);
        if (bare.equals("import_tasks") || bare.equals("include_tasks")) {
            String f = includeFile(r, action);
            if (bare.equals("import_tasks")) {
                if (f.contains("{{")) {
                    throw r.error(action, "import_tasks is static and cannot use expressions in its file name; use include_tasks");
                }
                if (own.loop() != null) {
                    throw r.error("loop", "import_tasks cannot loop; use include_tasks");
                }
                return loadTaskFile(base.resolve(f), kw, role, r.where(action));
            }
            checkTemplated(r, action, f);
            if (!f.contains("{{")) {
                Path p = base.resolve(f).normalize();
                if (!Files.isRegularFile(p)) {
                    throw r.error(action, "task file not found: " + p);
                }
                if (importing.contains(p)) {
                    // a recursion that a when: may end is Ansible's; it is checked at run time (a depth limit with the chain)
                    if (r.node("when") == null) {
                        throw r.error(action, "circular include_tasks: " + chain(p) + " (a recursive include needs a 'when:' that ends it)");
                    }
                } else {
                    loadTaskFile(p, kw, role, r.where(action));
                }
            }
            return List.of(new TaskNode.IncludeTasks(name, f, kw, m.location(), role, base));
        }
        if (bare.equals("import_role") || bare.equals("include_role")) {
            YamlNode spec = r.node(action);
            if (!(spec instanceof YamlNode.MapNode sm) || !(sm.get("name") instanceof YamlNode.Scalar rn)) {
                throw r.error(action, action + " needs 'name: ROLE'");
            }
            List<RoleContext> roles = new ArrayList<>();
            List<TaskNode> tasks = new ArrayList<>();
            loadRole(new YamlNode.Scalar(rn.text(), null, rn.location()), base, kw, roles, tasks, importedRoleHandlers, ctx);
            return tasks;
        }
        Module module = modules.find(action).orElseThrow();
        ModuleSpec spec = module.spec();
        Map<String, Object> args = moduleArgs(r, action, spec);
        List<ArgsBinder.Problem> problems = ArgsBinder.check(spec, args);
        if (!problems.isEmpty()) {
            ArgsBinder.Problem p = problems.get(0);
            SourceLocation where = p.option() != null && r.node(action) instanceof YamlNode.MapNode am
                    ? am.keyLocation(p.option()) : r.where(action);
            throw new InputError(where, ctx, p.message());
        }
        try {
            expressions.checkValue(args);
        } catch (ExpressionError e) {
            throw new InputError(r.where(action), ctx, e.getMessage());
        }
        if (name != null) {
            checkTemplated(r, "name", name);
        }
        if (spec.name().equals("meta") && MetaAction.of(String.valueOf(args.get(ModuleSpec.RAW_PARAMS))).isEmpty()) {
            throw r.error(action, "unknown meta action '" + args.get(ModuleSpec.RAW_PARAMS) + "'; jplay knows "
                    + String.join(", ", MetaAction.keys()));
        }
        checkTemplate(spec, args, base, role, r, action, ctx);
        checkCopySource(spec, args, base, role, r, action, ctx);
        checkFactNames(spec, args, r, action, ctx);
        return List.of(new TaskNode.Task(name, spec.name(), args, kw, m.location(), role, base));
    }

    /** The template module's literal src must exist and parse now, not halfway through a run. */
    private void checkTemplate(ModuleSpec spec, Map<String, Object> args, Path base, RoleContext role, NodeReader r, String action,
                               String ctx) {
        if (!spec.name().equals("template") || !(args.get("src") instanceof String src) || src.contains("{{")) {
            return;
        }
        try {
            templates.load(templateSearchPath(base, role), src);
        } catch (InputError e) {
            if (e.location() == null) {
                throw new InputError(r.where(action), ctx, e.getMessage());
            }
            throw new InputError(e.location(), ctx, e.getMessage());
        }
    }

    /** copy's literal src on the controller must exist now, not after earlier tasks have run (as Ansible's search path). */
    private void checkCopySource(ModuleSpec spec, Map<String, Object> args, Path base, RoleContext role, NodeReader r, String action,
                                 String ctx) {
        if (!spec.name().equals("copy") || !(args.get("src") instanceof String src) || src.contains("{{") || src.startsWith("~")) {
            return;
        }
        Object remote = args.get("remote_src");
        if (remote != null && !(remote instanceof Boolean b && !b) && !"false".equalsIgnoreCase(String.valueOf(remote))
                && !"no".equalsIgnoreCase(String.valueOf(remote))) {
            return;
        }
        List<Path> dirs = new ArrayList<>();
        if (role != null) {
            dirs.add(role.dir().resolve("files"));
        }
        dirs.add(base.resolve("files"));
        dirs.add(base);
        if (playbookDir != null) {
            dirs.add(playbookDir.resolve("files"));
            dirs.add(playbookDir);
        }
        Path p = Path.of(src);
        boolean found = p.isAbsolute() ? Files.exists(p) : dirs.stream().anyMatch(d -> Files.exists(d.resolve(src)));
        if (!found) {
            SourceLocation where = r.node(action) instanceof YamlNode.MapNode am && am.entries().containsKey("src")
                    ? am.keyLocation("src") : r.where(action);
            throw new InputError(where, ctx, "file '" + src + "' for copy's src not found; looked in: "
                    + (p.isAbsolute() ? src : String.join(", ", dirs.stream().map(Path::toString).toList())));
        }
    }

    /** set_fact's literal keys must be variable names: a bad one would fail the task after earlier ones ran. */
    private static void checkFactNames(ModuleSpec spec, Map<String, Object> args, NodeReader r, String action, String ctx) {
        if (!spec.name().equals("set_fact")) {
            return;
        }
        for (String key : args.keySet()) {
            if (key.equals("cacheable") || key.equals(ModuleSpec.RAW_PARAMS) || key.contains("{{")) {
                continue;
            }
            String problem = VariableName.problem(key);
            if (problem != null) {
                SourceLocation where = r.node(action) instanceof YamlNode.MapNode am && am.entries().containsKey(key)
                        ? am.keyLocation(key) : r.where(action);
                throw new InputError(where, ctx, problem);
            }
        }
    }

    @Override
    public List<Path> templateSearchPath(Path base, RoleContext role) {
        List<Path> path = new ArrayList<>();
        if (role != null) {
            path.add(role.dir().resolve("templates"));
        }
        path.add(base.resolve("templates"));
        path.add(base);
        path.addAll(projectTemplateDirs);
        return path;
    }

    private String includeFile(NodeReader r, String action) {
        YamlNode n = r.node(action);
        if (n instanceof YamlNode.MapNode im) {
            NodeReader ir = new NodeReader(im, action);
            String f = ir.has("file") ? ir.string("file") : null;
            if (f == null) {
                throw r.error(action, action + " needs a file name ('" + action + ": file.yml' or 'file: file.yml')");
            }
            return f;
        }
        String f = r.string(action);
        if (f == null || f.isBlank()) {
            throw r.error(action, action + " needs a file name");
        }
        return f;
    }

    private Map<String, Object> moduleArgs(NodeReader r, String action, ModuleSpec spec) {
        YamlNode n = r.node(action);
        Map<String, Object> args = new LinkedHashMap<>();
        if (n instanceof YamlNode.MapNode am) {
            args.putAll(NodeReader.toMap(am));
        } else if (n instanceof YamlNode.Scalar s && s.value() != null) {
            args.putAll(FreeFormArgs.parse(s.text(), spec));
        } else if (n instanceof YamlNode.Seq) {
            throw r.error(action, "the options of '" + action + "' must be a mapping (option: value) or a string, not a list");
        }
        Map<String, Object> extra = r.mapping("args");
        args.putAll(extra);
        return args;
    }

    private TaskKeywords readKeywords(NodeReader r, String ctx, boolean playLevel) {
        List<String> when = r.stringList("when");
        when.forEach(w -> checkExpression(r, "when", w));
        Object loop = null;
        String loopKey = null;
        for (String lk : r.keys()) {
            if (!lk.equals("loop") && LoopLookup.lookupFor(lk) == null) {
                continue;
            }
            if (loopKey != null && (lk.equals("loop") || loopKey.equals("loop"))) {
                String with = lk.equals("loop") ? loopKey : lk;
                throw r.error(lk, "'loop' and '" + with + "' cannot be used together on one task: use one of them");
            }
            if (loopKey != null) {
                throw r.error(lk, "a task takes one loop; '" + lk + "' comes after another loop keyword");
            }
            YamlNode ln = r.node(lk);
            if (lk.equals("loop") && ln instanceof YamlNode.Scalar s && !(s.value() instanceof String str && str.contains("{{"))) {
                throw r.error(lk, "'" + lk + "' must be a list or an expression such as \"{{ my_list }}\", not " + NodeReader.describe(ln));
            }
            if (lk.equals("loop") && ln instanceof YamlNode.MapNode) {
                throw r.error(lk, "'" + lk + "' must be a list, not a mapping (to loop over a mapping use \"{{ m | dict2items }}\")");
            }
            Object value = ln.toJava();
            try {
                expressions.checkValue(value);
            } catch (ExpressionError e) {
                throw r.error(lk, e.getMessage());
            }
            loopKey = lk;
            if (lk.equals("loop")) {
                loop = value;
            } else {
                String lookup = LoopLookup.lookupFor(lk);
                if (expressions.jinja().library().lookup(lookup) == null) {
                    throw r.error(lk, "'" + lk + "' needs the lookup '" + lookup + "', which jplay does not have");
                }
                String action = r.has("template") || r.has("ansible.builtin.template") ? "template"
                        : r.has("include_vars") || r.has("ansible.builtin.include_vars") ? "include_vars" : null;
                loop = new LoopLookup(lookup, value, LoopLookup.subdirFor(action));
            }
        }
        TaskKeywords.LoopControl lc = null;
        if (r.has("loop_control")) {
            YamlNode n = r.node("loop_control");
            if (!(n instanceof YamlNode.MapNode lm)) {
                throw r.error("loop_control", "'loop_control' must be a mapping (loop_var, label, index_var, pause)");
            }
            NodeReader lr = new NodeReader(lm, ctx);
            for (String k : lm.entries().keySet()) {
                if (!Set.of("loop_var", "label", "index_var", "pause", "extended").contains(k)) {
                    throw lr.error(k, "unknown loop_control option '" + k + "'; it takes loop_var, label, index_var, pause");
                }
            }
            String lv = lr.string("loop_var");
            lc = new TaskKeywords.LoopControl(lv == null ? "item" : lv, lr.string("label"), lr.string("index_var"), lr.numberOrExpression("pause"));
        }
        List<String> failedWhen = r.stringList("failed_when");
        failedWhen.forEach(w -> checkExpression(r, "failed_when", w));
        List<String> changedWhen = r.stringList("changed_when");
        changedWhen.forEach(w -> checkExpression(r, "changed_when", w));
        List<String> until = r.stringList("until");
        until.forEach(w -> checkExpression(r, "until", w));
        Map<String, Object> env = r.mapping("environment");
        expressionsIn(env, r, "environment");
        for (String name : env.keySet()) {
            String problem = name.contains("{{") ? null : dev.jplay.engine.connection.EnvironmentName.problem(name);
            if (problem != null) {
                throw r.error("environment", problem);
            }
        }
        Map<String, Object> vars = playLevel ? Map.of() : r.mapping("vars");
        expressionsIn(vars, r, "vars");
        String register = r.string("register");
        if (register != null && !register.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw r.error("register", "'register' must be a variable name (letters, digits, _), not '" + register + "'");
        }
        String becomeMethod = r.string("become_method");
        if (becomeMethod != null && !Set.of("sudo", "su").contains(becomeMethod)) {
            throw r.error("become_method", "become_method must be sudo or su, not '" + becomeMethod + "'");
        }
        String delegate = r.string("delegate_to");
        if (delegate != null) {
            checkTemplated(r, "delegate_to", delegate);
        }
        String connection = r.string("connection");
        if (connection != null) {
            checkConnection(r, connection);
        }
        Set<String> tags = new LinkedHashSet<>(r.commaList("tags"));
        return TaskKeywords.builder().when(when).loop(loop).loopControl(lc).register(register)
                .notifies(r.stringList("notify")).listen(r.stringList("listen")).tags(tags)
                .become(r.bool("become")).becomeUser(r.string("become_user")).becomeMethod(becomeMethod)
                .failedWhen(failedWhen).changedWhen(changedWhen).ignoreErrors(r.boolOrExpression("ignore_errors"))
                .ignoreUnreachable(r.bool("ignore_unreachable")).until(until)
                .retries(r.intOrExpression("retries")).delay(r.intOrExpression("delay"))
                .noLog(r.bool("no_log")).checkMode(r.bool("check_mode")).diff(r.bool("diff")).environment(env)
                .runOnce(r.bool("run_once")).vars(vars).delegateTo(delegate).timeout(r.intOrExpression("timeout"))
                .throttle(r.intOrExpression("throttle")).anyErrorsFatal(r.bool("any_errors_fatal")).connection(connection)
                .build();
    }

    /** {@code connection:} names a connection jplay has (an expression is checked when it is rendered). */
    private void checkConnection(NodeReader r, String connection) {
        if (connection.contains("{{")) {
            checkTemplated(r, "connection", connection);
        } else if (!dev.jplay.engine.connection.ConnectionFactory.TYPES.contains(connection.strip())) {
            throw r.error("connection", "connection '" + connection + "' is not supported: expected one of "
                    + String.join(", ", dev.jplay.engine.connection.ConnectionFactory.TYPES));
        }
    }

    private void checkExpression(NodeReader r, String key, String expr) {
        try {
            String single = dev.jplay.engine.expr.TemplateString.singleExpression(expr);
            expressions.checkExpression(single != null ? single : expr);
        } catch (ExpressionError e) {
            throw r.error(key, e.getMessage());
        }
    }

    private void checkTemplated(NodeReader r, String key, String s) {
        try {
            expressions.checkTemplated(s);
        } catch (ExpressionError e) {
            throw r.error(key, e.getMessage());
        }
    }

    private void expressionsIn(Object value, NodeReader r, String key) {
        try {
            expressions.checkValue(value);
        } catch (ExpressionError e) {
            throw r.error(key, e.getMessage());
        }
    }

    private static String stripPrefix(String key) {
        return key.startsWith("ansible.builtin.") ? key.substring("ansible.builtin.".length()) : key;
    }
}
