package dev.jplay.modules.podman;

/**
 * An image reference split into repository and tag (or digest): {@code reg:5000/team/httpd:v1}.
 * A tag inside the name wins over a separate tag option, as in the podman collection.
 *
 * @param repository e.g. {@code reg:5000/team/httpd}
 * @param tag        e.g. {@code v1}; empty when the reference is by digest
 * @param digest     e.g. {@code sha256:...}; empty unless the reference is {@code name@digest}
 */
public record ImageRef(String repository, String tag, String digest) {

    public static ImageRef parse(String name, String defaultTag) {
        String n = name.strip();
        int at = n.lastIndexOf('@');
        if (at > 0) {
            return new ImageRef(n.substring(0, at), "", n.substring(at + 1));
        }
        int colon = n.lastIndexOf(':');
        if (colon > n.lastIndexOf('/') && colon > 0) {
            return new ImageRef(n.substring(0, colon), n.substring(colon + 1), "");
        }
        return new ImageRef(n, defaultTag == null || defaultTag.isBlank() ? "latest" : defaultTag, "");
    }

    public static ImageRef parse(String name) {
        return parse(name, "latest");
    }

    /** True when the first path component names a registry ({@code quay.io}, {@code reg:5000}, {@code localhost}). */
    public boolean hasRegistry() {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = repository.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    /** The repository without its registry: {@code team/httpd} for {@code reg:5000/team/httpd}. */
    public String path() {
        return hasRegistry() ? repository.substring(repository.indexOf('/') + 1) : repository;
    }

    public boolean byDigest() {
        return !digest.isEmpty();
    }

    @Override
    public String toString() {
        return byDigest() ? repository + "@" + digest : repository + ":" + tag;
    }

    /**
     * Where {@code push_args.dest} sends this image: none means the image's own name; a bare registry
     * ({@code reg:5000}) gets the image's path and tag; a repository without tag gets this tag.
     */
    public String pushDestination(String dest) {
        if (dest == null || dest.isBlank()) {
            return toString();
        }
        String d = dest.strip();
        while (d.endsWith("/")) {
            d = d.substring(0, d.length() - 1);
        }
        if (!d.contains("/")) {
            return d + "/" + path() + (byDigest() ? ":latest" : ":" + tag);
        }
        String last = d.substring(d.lastIndexOf('/') + 1);
        if (!last.contains(":") && !last.contains("@")) {
            return d + ":" + (byDigest() ? "latest" : tag);
        }
        return d;
    }

    /**
     * Whether two references name the same image, allowing the short form ({@code httpd}) to match
     * a fully qualified one ({@code docker.io/library/httpd:latest}).
     */
    public boolean sameNameAs(ImageRef other) {
        String a = toString();
        String b = other.toString();
        if (a.equals(b)) {
            return true;
        }
        if (!hasRegistry() && b.endsWith("/" + a)) {
            return true;
        }
        return !other.hasRegistry() && a.endsWith("/" + b);
    }
}
