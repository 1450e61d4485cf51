package dev.jplay.engine.expr.jinja;

import dev.jplay.engine.expr.ExpressionError;
import dev.jplay.engine.expr.jinja.Token.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Jinja2's grammar, from tokens to the statement and expression trees; errors carry the offset of the token. */
final class Parser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", ">", "<=", ">=");

    private final String src;
    private final List<Token> tokens;
    private int i;

    Parser(String src, List<Token> tokens) {
        this.src = src;
        this.tokens = tokens;
    }

    /** A whole template. */
    List<Stmt> template() {
        List<Stmt> body = subparse(Set.of());
        if (!peek().is(Kind.EOF)) {
            throw error(peek(), "unexpected " + peek().describe());
        }
        return body;
    }

    /** A bare expression (a condition): the source is the expression alone. */
    Node bareExpression() {
        Node n = tuple(false);
        if (!peek().is(Kind.EOF)) {
            throw error(peek(), "expected the end of the expression, got " + peek().describe());
        }
        return n;
    }

    // ---- statements

    private List<Stmt> subparse(Set<String> endTags) {
        List<Stmt> body = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case EOF -> {
                    if (!endTags.isEmpty()) {
                        throw error(t, "unexpected end of template: expected one of " + tagList(endTags));
                    }
                    return body;
                }
                case DATA -> {
                    next();
                    body.add(new Stmt.Text((String) t.value(), t.pos()));
                }
                case VAR_BEGIN -> {
                    next();
                    Node e = tuple(true);
                    expect(Kind.VAR_END, "the end of the print statement ('}}')");
                    body.add(new Stmt.Output(e, t.pos()));
                }
                case BLOCK_BEGIN -> {
                    Token name = tokens.get(i + 1);
                    if (name.is(Kind.NAME) && endTags.contains(name.text())) {
                        return body; // the caller consumes the end tag
                    }
                    next();
                    body.add(statement(t));
                }
                default -> throw error(t, "unexpected " + t.describe());
            }
        }
    }

    private static String tagList(Set<String> tags) {
        return String.join(", ", tags.stream().sorted().map(s -> "'" + s + "'").toList());
    }

    private Stmt statement(Token begin) {
        Token name = peek();
        if (!name.is(Kind.NAME)) {
            throw error(name, "tag name expected");
        }
        next();
        return switch (name.text()) {
            case "if" -> ifStmt(begin);
            case "for" -> forStmt(begin);
            case "set" -> setStmt(begin);
            case "macro" -> macroStmt(begin);
            case "call" -> callStmt(begin);
            case "include" -> includeStmt(begin);
            case "filter" -> filterStmt(begin);
            case "with" -> withStmt(begin);
            case "raw" -> throw error(name, "'raw' is not closed by 'endraw'");
            case "extends" -> extendsStmt(begin);
            case "block" -> blockStmt(begin);
            case "import" -> importStmt(begin);
            case "from" -> fromStmt(begin);
            default -> throw error(name, "encountered unknown tag '" + name.text() + "'"
                    + (name.text().startsWith("end") || name.text().equals("elif") || name.text().equals("else")
                    ? " (it closes nothing that is open here)" : ""));
        };
    }

    private void endTag(String name) {
        expect(Kind.BLOCK_BEGIN, "'" + name + "'");
        Token t = next();
        if (!t.isName(name)) {
            throw error(t, "expected '" + name + "'");
        }
        blockEnd();
    }

    private void blockEnd() {
        expect(Kind.BLOCK_END, "the end of the statement ('%}')");
    }

    private Stmt ifStmt(Token begin) {
        List<Node> tests = new ArrayList<>();
        List<List<Stmt>> bodies = new ArrayList<>();
        List<Stmt> otherwise = List.of();
        tests.add(tuple(false));
        blockEnd();
        while (true) {
            bodies.add(subparse(Set.of("elif", "else", "endif")));
            next(); // block begin
            String tag = next().text();
            if (tag.equals("elif")) {
                tests.add(tuple(false));
                blockEnd();
            } else if (tag.equals("else")) {
                blockEnd();
                otherwise = subparse(Set.of("endif"));
                endTag("endif");
                break;
            } else {
                blockEnd();
                break;
            }
        }
        return new Stmt.If(tests, bodies, otherwise, begin.pos());
    }

    private Stmt forStmt(Token begin) {
        Node target = assignTarget(true);
        if (!next().isName("in")) {
            throw error(tokens.get(i - 1), "expected 'in' in the for loop");
        }
        Node iter = tuple(false, true);
        Node filter = null;
        if (peek().isName("if")) {
            next();
            filter = expression(true);
        }
        boolean recursive = false;
        if (peek().isName("recursive")) {
            next();
            recursive = true;
        }
        blockEnd();
        List<Stmt> body = subparse(Set.of("endfor", "else"));
        List<Stmt> otherwise = List.of();
        next();
        if (next().text().equals("else")) {
            blockEnd();
            otherwise = subparse(Set.of("endfor"));
            endTag("endfor");
        } else {
            blockEnd();
        }
        return new Stmt.For(target, iter, filter, body, otherwise, recursive, begin.pos());
    }

    private Stmt setStmt(Token begin) {
        Node target = assignTarget(true);
        if (peek().isOp("=")) {
            next();
            Node value = tuple(false);
            blockEnd();
            return new Stmt.Set(target, value, begin.pos());
        }
        Node.FilterCall filter = null;
        if (peek().isOp("|")) {
            Node f = filterChain(new Node.Name("__body__", peek().pos()));
            filter = (Node.FilterCall) f;
        }
        blockEnd();
        List<Stmt> body = subparse(Set.of("endset"));
        endTag("endset");
        return new Stmt.SetBlock(target, body, filter, begin.pos());
    }

    private Stmt macroStmt(Token begin) {
        Token name = expect(Kind.NAME, "the macro's name");
        List<String> params = new ArrayList<>();
        List<Node> defaults = new ArrayList<>();
        signature(params, defaults);
        blockEnd();
        List<Stmt> body = subparse(Set.of("endmacro"));
        endTag("endmacro");
        return new Stmt.Macro(name.text(), params, defaults, body, begin.pos());
    }

    private void signature(List<String> params, List<Node> defaults) {
        expectOp("(");
        while (!peek().isOp(")")) {
            if (!params.isEmpty()) {
                expectOp(",");
                if (peek().isOp(")")) {
                    break;
                }
            }
            Token p = expect(Kind.NAME, "a parameter name");
            params.add(p.text());
            if (peek().isOp("=")) {
                next();
                defaults.add(expression(true));
            } else if (!defaults.isEmpty()) {
                throw error(p, "a parameter without a default follows one with a default");
            }
        }
        next();
    }

    private Stmt callStmt(Token begin) {
        List<String> params = new ArrayList<>();
        List<Node> defaults = new ArrayList<>();
        if (peek().isOp("(")) {
            signature(params, defaults);
        }
        Node call = expression(true);
        if (!(call instanceof Node.Call c)) {
            throw error(begin, "expected a macro call after 'call'");
        }
        blockEnd();
        List<Stmt> body = subparse(Set.of("endcall"));
        endTag("endcall");
        return new Stmt.CallBlock(c, params, defaults, body, begin.pos());
    }

    private Stmt includeStmt(Token begin) {
        Node template = expression(true);
        boolean ignoreMissing = false;
        boolean withContext = true;
        if (peek().isName("ignore")) {
            next();
            if (!next().isName("missing")) {
                throw error(tokens.get(i - 1), "expected 'missing' after 'ignore'");
            }
            ignoreMissing = true;
        }
        if (peek().isName("with") || peek().isName("without")) {
            withContext = next().text().equals("with");
            if (!next().isName("context")) {
                throw error(tokens.get(i - 1), "expected 'context'");
            }
        }
        blockEnd();
        return new Stmt.Include(template, ignoreMissing, withContext, begin.pos());
    }

    private Stmt extendsStmt(Token begin) {
        Node template = expression(true);
        blockEnd();
        return new Stmt.Extends(template, begin.pos());
    }

    private Stmt blockStmt(Token begin) {
        Token name = expect(Kind.NAME, "the block's name");
        boolean scoped = false;
        boolean required = false;
        while (peek().isName("scoped") || peek().isName("required")) {
            if (next().text().equals("scoped")) {
                scoped = true;
            } else {
                required = true;
            }
        }
        if (peek().isOp("-")) {
            throw error(peek(), "use an underscore instead of '-' in block names");
        }
        blockEnd();
        List<Stmt> body = subparse(Set.of("endblock"));
        if (required && body.stream().anyMatch(st -> !(st instanceof Stmt.Text t && t.text().isBlank()))) {
            throw error(name, "Required blocks can only contain comments or whitespace");
        }
        expect(Kind.BLOCK_BEGIN, "'endblock'");
        next();
        if (peek().is(Kind.NAME)) {
            Token end = next();
            if (!end.text().equals(name.text())) {
                throw error(end, "'" + name.text() + "' was closed by 'endblock " + end.text() + "'");
            }
        }
        blockEnd();
        return new Stmt.Block(name.text(), body, scoped, required, begin.pos());
    }

    private Stmt importStmt(Token begin) {
        Node template = expression(true);
        if (!next().isName("as")) {
            throw error(tokens.get(i - 1), "expected 'as' and a name after the imported template");
        }
        Token alias = expect(Kind.NAME, "a name for the imported template");
        boolean withContext = context(false);
        blockEnd();
        return new Stmt.Import(template, alias.text(), withContext, begin.pos());
    }

    private Stmt fromStmt(Token begin) {
        Node template = expression(true);
        if (!next().isName("import")) {
            throw error(tokens.get(i - 1), "expected 'import' after the template's name");
        }
        List<String> names = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        while (true) {
            if ((peek().isName("with") || peek().isName("without")) && tokens.get(i + 1).isName("context")) {
                break;
            }
            Token n = expect(Kind.NAME, "a name to import");
            if (n.text().startsWith("_")) {
                throw error(n, "names starting with an underline can not be imported");
            }
            names.add(n.text());
            if (peek().isName("as")) {
                next();
                aliases.add(expect(Kind.NAME, "a name after 'as'").text());
            } else {
                aliases.add(n.text());
            }
            if (!peek().isOp(",")) {
                break;
            }
            next();
        }
        if (names.isEmpty()) {
            throw error(peek(), "expected a name to import");
        }
        boolean withContext = context(false);
        blockEnd();
        return new Stmt.FromImport(template, names, aliases, withContext, begin.pos());
    }

    /** An optional {@code with context} / {@code without context}. */
    private boolean context(boolean dflt) {
        if ((peek().isName("with") || peek().isName("without")) && tokens.get(i + 1).isName("context")) {
            boolean with = next().text().equals("with");
            next();
            return with;
        }
        return dflt;
    }

    private Stmt filterStmt(Token begin) {
        Node chain = filterNames(new Node.Name("__body__", begin.pos()));
        blockEnd();
        List<Stmt> body = subparse(Set.of("endfilter"));
        endTag("endfilter");
        return new Stmt.FilterBlock(chain, body, begin.pos());
    }

    private Stmt withStmt(Token begin) {
        List<Node> targets = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (!peek().is(Kind.BLOCK_END)) {
            if (!targets.isEmpty()) {
                expectOp(",");
            }
            targets.add(assignTarget(false));
            expectOp("=");
            values.add(expression(true));
        }
        blockEnd();
        List<Stmt> body = subparse(Set.of("endwith"));
        endTag("endwith");
        return new Stmt.With(targets, values, body, begin.pos());
    }

    /** A name, {@code ns.attr}, or (with tuples) {@code a, b}. */
    private Node assignTarget(boolean tuples) {
        List<Node> names = new ArrayList<>();
        int at = peek().pos();
        boolean paren = tuples && peek().isOp("(");
        if (paren) {
            next();
        }
        while (true) {
            Token n = expect(Kind.NAME, "a variable name to assign");
            Node target = new Node.Name(n.text(), n.pos());
            if (peek().isOp(".") && !paren) {
                next();
                Token attr = expect(Kind.NAME, "an attribute name");
                target = new Node.GetAttr(target, attr.text(), attr.pos());
            }
            names.add(target);
            if (!tuples || !peek().isOp(",")) {
                break;
            }
            next();
        }
        if (paren) {
            expectOp(")");
        }
        return names.size() == 1 && !paren ? names.get(0) : new Node.TupleLit(names, at);
    }

    // ---- expressions

    private Node tuple(boolean withCondExpr) {
        return tuple(withCondExpr, false);
    }

    /** An expression, or several separated by commas (a tuple), as Jinja2 allows in print and for. */
    private Node tuple(boolean withCondExpr, boolean forIter) {
        int at = peek().pos();
        Node first = forIter ? expression(false) : expression(true);
        if (!peek().isOp(",")) {
            return first;
        }
        List<Node> items = new ArrayList<>();
        items.add(first);
        while (peek().isOp(",")) {
            next();
            if (atTupleEnd()) {
                break;
            }
            items.add(forIter ? expression(false) : expression(true));
        }
        return new Node.TupleLit(items, at);
    }

    private boolean atTupleEnd() {
        Token t = peek();
        return t.is(Kind.VAR_END) || t.is(Kind.BLOCK_END) || t.is(Kind.EOF) || t.isOp(")") || t.isName("if") && false;
    }

    Node expression(boolean withCondExpr) {
        Node n = or();
        if (!withCondExpr) {
            return n;
        }
        while (peek().isName("if")) {
            Token t = next();
            Node test = or();
            Node otherwise = null;
            if (peek().isName("else")) {
                next();
                otherwise = expression(true);
            }
            n = new Node.Cond(test, n, otherwise, t.pos());
        }
        return n;
    }

    private Node or() {
        Node n = and();
        while (peek().isName("or")) {
            Token t = next();
            n = new Node.Binary("or", n, and(), t.pos());
        }
        return n;
    }

    private Node and() {
        Node n = not();
        while (peek().isName("and")) {
            Token t = next();
            n = new Node.Binary("and", n, not(), t.pos());
        }
        return n;
    }

    private Node not() {
        if (peek().isName("not")) {
            Token t = next();
            return new Node.Unary("not", not(), t.pos());
        }
        return compare();
    }

    private Node compare() {
        int at = peek().pos();
        Node first = math1();
        List<String> ops = new ArrayList<>();
        List<Node> rest = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.OPERATOR && COMPARE.contains(t.text())) {
                next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                next();
                ops.add("in");
            } else if (t.isName("not") && tokens.get(i + 1).isName("in")) {
                next();
                next();
                ops.add("not in");
            } else {
                break;
            }
            rest.add(math1());
        }
        return ops.isEmpty() ? first : new Node.Compare(first, ops, rest, at);
    }

    private Node math1() {
        Node n = concat();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token t = next();
            n = new Node.Binary(t.text(), n, concat(), t.pos());
        }
        return n;
    }

    private Node concat() {
        Node n = math2();
        while (peek().isOp("~")) {
            Token t = next();
            n = new Node.Binary("~", n, math2(), t.pos());
        }
        return n;
    }

    private Node math2() {
        Node n = pow();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("//") || peek().isOp("%")) {
            Token t = next();
            n = new Node.Binary(t.text(), n, pow(), t.pos());
        }
        return n;
    }

    private Node pow() {
        Node n = unary(true);
        while (peek().isOp("**")) {
            Token t = next();
            n = new Node.Binary("**", n, unary(true), t.pos());
        }
        return n;
    }

    private Node unary(boolean withFilter) {
        Token t = peek();
        Node n;
        if (t.isOp("-") || t.isOp("+")) {
            next();
            n = new Node.Unary(t.text(), unary(false), t.pos());
        } else {
            n = primary();
        }
        n = postfix(n);
        return withFilter ? filterExpr(n) : n;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Node.Const(Boolean.TRUE, t.pos());
                    case "false", "False" -> new Node.Const(Boolean.FALSE, t.pos());
                    case "none", "None" -> new Node.Const(null, t.pos());
                    case "and", "or", "not", "in", "is", "if", "else" -> throw error(t, "unexpected '" + t.text() + "': a value was expected");
                    default -> new Node.Name(t.text(), t.pos());
                };
            }
            case STRING -> {
                StringBuilder sb = new StringBuilder((String) t.value());
                while (peek().is(Kind.STRING)) {
                    sb.append((String) next().value());
                }
                return new Node.Const(sb.toString(), t.pos());
            }
            case INTEGER, FLOAT -> {
                return new Node.Const(t.value(), t.pos());
            }
            case OPERATOR -> {
                switch (t.text()) {
                    case "(" -> {
                        if (peek().isOp(")")) {
                            next();
                            return new Node.TupleLit(List.of(), t.pos());
                        }
                        Node inner = expression(true);
                        if (peek().isOp(",")) {
                            List<Node> items = new ArrayList<>();
                            items.add(inner);
                            while (peek().isOp(",")) {
                                next();
                                if (peek().isOp(")")) {
                                    break;
                                }
                                items.add(expression(true));
                            }
                            inner = new Node.TupleLit(items, t.pos());
                        }
                        expectOp(")");
                        return inner;
                    }
                    case "[" -> {
                        List<Node> items = new ArrayList<>();
                        while (!peek().isOp("]")) {
                            if (!items.isEmpty()) {
                                expectOp(",");
                                if (peek().isOp("]")) {
                                    break;
                                }
                            }
                            items.add(expression(true));
                        }
                        next();
                        return new Node.ListLit(items, t.pos());
                    }
                    case "{" -> {
                        List<Node> keys = new ArrayList<>();
                        List<Node> values = new ArrayList<>();
                        while (!peek().isOp("}")) {
                            if (!keys.isEmpty()) {
                                expectOp(",");
                                if (peek().isOp("}")) {
                                    break;
                                }
                            }
                            keys.add(expression(true));
                            expectOp(":");
                            values.add(expression(true));
                        }
                        next();
                        return new Node.DictLit(keys, values, t.pos());
                    }
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        throw error(t, t.is(Kind.EOF) || t.is(Kind.VAR_END) || t.is(Kind.BLOCK_END)
                ? "unexpected " + t.describe() + ": a value was expected" : "unexpected " + t.describe());
    }

    private Node postfix(Node n) {
        while (true) {
            Token t = peek();
            if (t.isOp(".")) {
                next();
                Token attr = next();
                if (attr.is(Kind.NAME)) {
                    n = new Node.GetAttr(n, attr.text(), attr.pos());
                } else if (attr.is(Kind.INTEGER)) {
                    n = new Node.GetItem(n, new Node.Const(attr.value(), attr.pos()), attr.pos());
                } else {
                    throw error(attr, "expected an attribute name after '.'");
                }
            } else if (t.isOp("[")) {
                next();
                List<Node> keys = new ArrayList<>();
                while (!peek().isOp("]")) {
                    if (!keys.isEmpty()) {
                        expectOp(",");
                    }
                    keys.add(subscribed());
                }
                next();
                if (keys.isEmpty()) {
                    throw error(t, "expected a key or index inside '[]'");
                }
                n = new Node.GetItem(n, keys.size() == 1 ? keys.get(0) : new Node.TupleLit(keys, t.pos()), t.pos());
            } else if (t.isOp("(")) {
                n = new Node.Call(n, callArgs(), t.pos());
            } else {
                return n;
            }
        }
    }

    private Node subscribed() {
        int at = peek().pos();
        Node start = null;
        if (!peek().isOp(":")) {
            start = expression(true);
            if (!peek().isOp(":")) {
                return start;
            }
        }
        next();
        Node stop = null;
        Node step = null;
        if (!peek().isOp("]") && !peek().isOp(",") && !peek().isOp(":")) {
            stop = expression(true);
        }
        if (peek().isOp(":")) {
            next();
            if (!peek().isOp("]") && !peek().isOp(",")) {
                step = expression(true);
            }
        }
        return new Node.Slice(start, stop, step, at);
    }

    private Node.Args callArgs() {
        expectOp("(");
        List<Node> positional = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Node> named = new ArrayList<>();
        boolean first = true;
        while (!peek().isOp(")")) {
            if (!first) {
                expectOp(",");
                if (peek().isOp(")")) {
                    break;
                }
            }
            first = false;
            if (peek().is(Kind.NAME) && tokens.get(i + 1).isOp("=")) {
                names.add(next().text());
                next();
                named.add(expression(true));
            } else {
                if (!names.isEmpty()) {
                    throw error(peek(), "a positional argument follows a keyword argument");
                }
                positional.add(expression(true));
            }
        }
        next();
        return new Node.Args(positional, names, named);
    }

    private Node filterExpr(Node n) {
        while (true) {
            Token t = peek();
            if (t.isOp("|")) {
                n = filterChain(n);
            } else if (t.isName("is")) {
                n = test(n);
            } else if (t.isOp("(")) {
                n = new Node.Call(n, callArgs(), t.pos());
            } else {
                return n;
            }
        }
    }

    /** One or more {@code | name(args)}. */
    private Node filterChain(Node n) {
        while (peek().isOp("|")) {
            next();
            n = filterOne(n);
        }
        return n;
    }

    /** For {@code {% filter a | b %}}: the first name has no leading '|'. */
    private Node filterNames(Node n) {
        n = filterOne(n);
        return filterChain(n);
    }

    private Node filterOne(Node input) {
        Token name = expect(Kind.NAME, "a filter name after '|'");
        String full = dotted(name.text());
        Node.Args args = peek().isOp("(") ? callArgs() : Node.Args.NONE;
        return new Node.FilterCall(input, full, args, name.pos());
    }

    private String dotted(String first) {
        StringBuilder sb = new StringBuilder(first);
        while (peek().isOp(".") && tokens.get(i + 1).is(Kind.NAME)) {
            next();
            sb.append('.').append(next().text());
        }
        return sb.toString();
    }

    private Node test(Node input) {
        Token is = next();
        boolean negated = false;
        if (peek().isName("not")) {
            next();
            negated = true;
        }
        Token name = expect(Kind.NAME, "a test name after 'is'");
        String full = dotted(name.text());
        Node.Args args = Node.Args.NONE;
        Token t = peek();
        if (t.isOp("(")) {
            args = callArgs();
        } else if ((t.is(Kind.NAME) || t.is(Kind.STRING) || t.is(Kind.INTEGER) || t.is(Kind.FLOAT) || t.isOp("[") || t.isOp("{"))
                && !t.isName("else") && !t.isName("or") && !t.isName("and") && !t.isName("if") && !t.isName("is")) {
            Node arg = postfix(primary());
            args = new Node.Args(List.of(arg), List.of(), List.of());
        }
        return new Node.TestCall(input, full, args, negated, is.pos());
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(i);
    }

    private Token next() {
        Token t = tokens.get(i);
        if (!t.is(Kind.EOF)) {
            i++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) {
        Token t = next();
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", got " + t.describe());
        }
        return t;
    }

    private void expectOp(String op) {
        Token t = next();
        if (!t.isOp(op)) {
            throw error(t, "expected '" + op + "', got " + t.describe());
        }
    }

    private ExpressionError error(Token t, String message) {
        return new ExpressionError(src, t.pos(), message);
    }
}
