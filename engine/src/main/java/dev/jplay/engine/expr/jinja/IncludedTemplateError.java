package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;

/** An error inside an included template: keeps that template, so the report names its file and line. */
public final class IncludedTemplateError extends ExpressionError {
    private final transient JinjaTemplate template;

    IncludedTemplateError(JinjaTemplate template, ExpressionError cause) {
        super(cause.source(), cause.offset(), cause.getMessage(), cause.undefinedVariable());
        this.template = cause instanceof IncludedTemplateError inner ? inner.template : template;
    }

    public JinjaTemplate template() {
        return template;
    }
}
