package dev.jplay.engine.connection;

/**
 * Privilege escalation for a command: run it as {@code user} through {@code method} (sudo or su).
 * The password travels on the command's stdin, never on a command line; {@link #toString()}
 * never shows it.
 */
public record Become(boolean enabled, String user, BecomeMethod method, String password) {

    public static final Become NONE = new Become(false, null, BecomeMethod.SUDO, null);

    public enum BecomeMethod { SUDO, SU }

    public Become {
        method = method == null ? BecomeMethod.SUDO : method;
        user = user == null || user.isBlank() ? "root" : user;
    }

    public static Become sudo(String user) {
        return new Become(true, user, BecomeMethod.SUDO, null);
    }

    public Become withPassword(String pw) {
        return new Become(enabled, user, method, pw);
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return enabled ? "Become[" + method.name().toLowerCase() + " to " + user + (hasPassword() ? ", password set" : "") + "]"
                : "Become[none]";
    }
}
