package dev.jplay.engine.spi;

/**
 * A jplay module: probes the host's current state, compares it with what its options ask for, acts
 * only on a difference, and reports whether it changed anything. Modules run in the controller's
 * JVM and reach the host only through {@link ModuleContext}; nothing is installed on the host.
 *
 * <p>Built-in and user modules are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.jplay.engine.spi.Module}. One instance serves every host and task,
 * from several threads at once, so a module keeps no per-run state in fields.
 *
 * <p>Contract: in check mode ({@link ModuleContext#checkMode()}) probe and report what would
 * change, but change nothing; a module that cannot predict returns {@link ModuleResult#skipped}.
 */
public interface Module {

    /** Name, options and documentation; used to validate playbooks before anything runs. */
    ModuleSpec spec();

    /** Brings the host to the wanted state. Throw {@link ModuleFailure} (or return a failed result) to fail the task. */
    ModuleResult run(ModuleContext ctx) throws ModuleFailure;
}
