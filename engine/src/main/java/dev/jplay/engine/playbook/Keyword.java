package dev.jplay.engine.playbook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one declaration of jplay's playbook keywords: what each one holds, where it may be written,
 * whether a task inherits it from its play and blocks, and whether it is templated when the task
 * runs (then it is resolved once per task and host by the executor's keyword resolver, which names
 * the keyword on a bad value). The loader's accepted keys come from here.
 */
public enum Keyword {
    // play only
    HOSTS("hosts", Type.PATTERN, Level.PLAY_ONLY, false, false),
    VARS_FILES("vars_files", Type.FILES, Level.PLAY_ONLY, false, false),
    GATHER_FACTS("gather_facts", Type.BOOL, Level.PLAY_ONLY, false, false),
    GATHER_SUBSET("gather_subset", Type.TEXT_LIST, Level.PLAY_ONLY, false, false),
    PRE_TASKS("pre_tasks", Type.TASKS, Level.PLAY_ONLY, false, false),
    TASKS("tasks", Type.TASKS, Level.PLAY_ONLY, false, false),
    POST_TASKS("post_tasks", Type.TASKS, Level.PLAY_ONLY, false, false),
    HANDLERS("handlers", Type.TASKS, Level.PLAY_ONLY, false, false),
    ROLES("roles", Type.ROLES, Level.PLAY_ONLY, false, false),
    SERIAL("serial", Type.BATCHES, Level.PLAY_ONLY, false, true),
    MAX_FAIL_PERCENTAGE("max_fail_percentage", Type.PERCENT, Level.PLAY_ONLY, false, true),
    FORCE_HANDLERS("force_handlers", Type.BOOL, Level.PLAY_ONLY, false, false),
    STRATEGY("strategy", Type.TEXT, Level.PLAY_ONLY, false, false),
    ORDER("order", Type.TEXT, Level.PLAY_ONLY, false, false),
    REMOTE_USER("remote_user", Type.TEXT, Level.PLAY_ONLY, false, false),
    CONNECTION("connection", Type.TEXT, Level.PLAY_ONLY, false, false),
    // plays and tasks (and blocks)
    NAME("name", Type.TEXT, Level.BOTH, false, true),
    VARS("vars", Type.MAPPING, Level.BOTH, true, false),
    TAGS("tags", Type.TEXT_LIST, Level.BOTH, true, false),
    BECOME("become", Type.BOOL, Level.BOTH, true, false),
    BECOME_USER("become_user", Type.TEXT, Level.BOTH, true, true),
    BECOME_METHOD("become_method", Type.TEXT, Level.BOTH, true, false),
    ENVIRONMENT("environment", Type.MAPPING, Level.BOTH, true, true),
    CHECK_MODE("check_mode", Type.BOOL, Level.BOTH, true, false),
    DIFF("diff", Type.BOOL, Level.BOTH, true, false),
    NO_LOG("no_log", Type.BOOL, Level.BOTH, true, false),
    IGNORE_ERRORS("ignore_errors", Type.BOOL, Level.BOTH, true, true),
    IGNORE_UNREACHABLE("ignore_unreachable", Type.BOOL, Level.BOTH, true, false),
    TIMEOUT("timeout", Type.INT, Level.BOTH, true, true),
    THROTTLE("throttle", Type.INT, Level.BOTH, true, true),
    RUN_ONCE("run_once", Type.BOOL, Level.BOTH, true, false),
    ANY_ERRORS_FATAL("any_errors_fatal", Type.BOOL, Level.BOTH, true, false),
    // tasks (and blocks, unless blockAllowed is false)
    WHEN("when", Type.CONDITIONS, Level.TASK_ONLY, true, true),
    LOOP("loop", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_ITEMS("with_items", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_LIST("with_list", Type.LOOP, Level.TASK_ONLY, false, true, false),
    // the older loop forms, each Ansible's lookup of that name (see LoopLookup)
    WITH_DICT("with_dict", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_NESTED("with_nested", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_TOGETHER("with_together", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_SEQUENCE("with_sequence", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_SUBELEMENTS("with_subelements", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_FILEGLOB("with_fileglob", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_FIRST_FOUND("with_first_found", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_INDEXED_ITEMS("with_indexed_items", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_FLATTENED("with_flattened", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_RANDOM_CHOICE("with_random_choice", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_LINES("with_lines", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_FILE("with_file", Type.LOOP, Level.TASK_ONLY, false, true, false),
    WITH_ENV("with_env", Type.LOOP, Level.TASK_ONLY, false, true, false),
    FIRST_AVAILABLE_FILE("first_available_file", Type.LOOP, Level.TASK_ONLY, false, true, false),
    LOOP_CONTROL("loop_control", Type.MAPPING, Level.TASK_ONLY, false, true),
    REGISTER("register", Type.TEXT, Level.TASK_ONLY, false, false, false),
    NOTIFY("notify", Type.TEXT_LIST, Level.TASK_ONLY, false, false, false),
    LISTEN("listen", Type.TEXT_LIST, Level.TASK_ONLY, false, false),
    FAILED_WHEN("failed_when", Type.CONDITIONS, Level.TASK_ONLY, false, true, false),
    CHANGED_WHEN("changed_when", Type.CONDITIONS, Level.TASK_ONLY, false, true, false),
    UNTIL("until", Type.CONDITIONS, Level.TASK_ONLY, false, true, false),
    RETRIES("retries", Type.INT, Level.TASK_ONLY, false, true),
    DELAY("delay", Type.INT, Level.TASK_ONLY, false, true),
    DELEGATE_TO("delegate_to", Type.TEXT, Level.TASK_ONLY, true, true),
    ARGS("args", Type.MAPPING, Level.TASK_ONLY, false, true);

    /** What a keyword's value is, once resolved. */
    public enum Type {
        TEXT, BOOL, INT, PERCENT, BATCHES, PATTERN, FILES, TEXT_LIST, CONDITIONS, MAPPING, LOOP, TASKS, ROLES
    }

    /** Where a keyword may be written: on plays, on tasks and blocks, or both. */
    public enum Level {
        PLAY_ONLY, TASK_ONLY, BOTH;

        boolean play() {
            return this != TASK_ONLY;
        }

        boolean task() {
            return this != PLAY_ONLY;
        }
    }

    private final String key;
    private final Type type;
    private final Level level;
    private final boolean inherited;
    private final boolean templated;
    private final boolean blockAllowed;

    Keyword(String key, Type type, Level level, boolean inherited, boolean templated) {
        this(key, type, level, inherited, templated, true);
    }

    Keyword(String key, Type type, Level level, boolean inherited, boolean templated, boolean blockAllowed) {
        this.key = key;
        this.type = type;
        this.level = level;
        this.inherited = inherited;
        this.templated = templated;
        this.blockAllowed = blockAllowed;
    }

    /** The keyword as written in YAML. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** A task gets this keyword from its play or enclosing blocks when it does not set it itself. */
    public boolean inherited() {
        return inherited;
    }

    /** The value may hold {@code {{ }}} and is rendered when the task runs, on each host. */
    public boolean templated() {
        return templated;
    }

    public boolean onPlay() {
        return level.play();
    }

    public boolean onTask() {
        return level.task();
    }

    /** A block takes this keyword too (loop, register, notify and the like belong to single tasks). */
    public boolean onBlock() {
        return level.task() && blockAllowed;
    }

    public static Optional<Keyword> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The keys a play takes. */
    public static Set<String> playKeys() {
        return keys(EnumSet.allOf(Keyword.class).stream().filter(Keyword::onPlay).collect(Collectors.toSet()));
    }

    /** The keys a task (or block) takes besides its module. */
    public static Set<String> taskKeys() {
        return keys(EnumSet.allOf(Keyword.class).stream().filter(Keyword::onTask).collect(Collectors.toSet()));
    }

    private static Set<String> keys(Set<Keyword> kws) {
        return kws.stream().map(Keyword::key).collect(Collectors.toUnmodifiableSet());
    }
}
