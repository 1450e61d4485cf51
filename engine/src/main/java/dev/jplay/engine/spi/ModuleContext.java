package dev.jplay.engine.spi;

import dev.jplay.engine.connection.Become;
import dev.jplay.engine.connection.ExecRequest;
import dev.jplay.engine.connection.ExecResult;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a module may use for one task on one host. Commands go through the task's connection
 * with the task's become and environment already applied. A broken connection surfaces as
 * {@link HostUnreachable}.
 */
public interface ModuleContext {

    ModuleArgs args();

    /** The inventory name of the host ({@code inventory_hostname}). */
    String host();

    boolean checkMode();

    boolean diffMode();

    /** Runs a script with the task's become and environment. */
    ExecResult exec(String script);

    /** Runs a script, feeding it stdin, with the task's become and environment. */
    ExecResult exec(String script, byte[] stdin);

    /** Runs a request as given (its own become); the task's environment is added. */
    ExecResult exec(ExecRequest request);

    /** The task's effective become ({@link Become#NONE} when not becoming). */
    Become become();

    /** Files on the host, as the task's become user. */
    HostFiles files();

    /** Every variable the task can see, read-only (for template rendering and debug). */
    Map<String, Object> vars();

    /** Evaluates a bare expression in the task's variables ({@code result.rc == 0}). */
    Object evaluate(String expression) throws ModuleFailure;

    /**
     * Renders a template file (Jinja2; FreeMarker for .ftl) found on the template search path (the role's
     * {@code templates/}, the playbook's {@code templates/}, the project's {@code templates/}).
     */
    String renderTemplate(String name) throws ModuleFailure;

    /** Finds a controller-side file for {@code copy src=}: the role's and playbook's {@code files/}, then as a path. */
    Path findFile(String name) throws ModuleFailure;

    /** Where the playbook lives on the controller. */
    Path playbookDir();
}
