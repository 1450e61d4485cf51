package dev.jplay.engine.expr.lib;

import java.nio.file.Path;
import java.util.List;

/** What a filter, test or lookup may ask of the evaluator that calls it. */
public interface CallContext {
    /** A variable of the current scope, rendered (Undefined when there is none): for lookup('vars'), map('attr')... */
    Object variable(String name);

    /** Calls another filter by name: for map('lower'), select('match', 're'). */
    Object callFilter(String name, Object value, CallArgs args);

    /** Calls another test by name: for select/reject('test'). */
    boolean callTest(String name, Object value, CallArgs args);

    /** Renders a template text with the current variables: for lookup('template'). */
    String renderTemplate(String text, String sourceName);

    /** Renders with extra variables on top of the current ones (lookup('template', ..., template_vars=...)). */
    default String renderTemplate(String text, String sourceName, java.util.Map<String, Object> extraVariables) {
        if (!extraVariables.isEmpty()) {
            throw new FilterError("template_vars is not supported by this evaluator");
        }
        return renderTemplate(text, sourceName);
    }

    /** Folders to search, in order, for a relative controller path (role files/templates, playbook dir): for lookups and file tests. */
    List<Path> searchPath();

    /** The folder beside each search path entry that relative names are looked for in first: files, or templates/vars for a with_* loop of those tasks. */
    default String lookupSubdir() {
        return "files";
    }
}
