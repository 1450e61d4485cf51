package dev.jplay.engine.run;

import dev.jplay.engine.playbook.Keyword;

/** A keyword whose rendered value is not what the keyword takes: the task fails with the keyword's name. */
final class KeywordError extends RuntimeException {
    private final Keyword keyword;

    KeywordError(Keyword keyword, String message) {
        super("keyword '" + keyword.key() + "': " + message);
        this.keyword = keyword;
    }

    Keyword keyword() {
        return keyword;
    }
}
