package dev.jplay.modules.net;

/**
 * What get_url's script printed: {@code R <verdict> ...} (none, exists, nodir DIR, http RC CODE,
 * badsum DIGEST), {@code S <sha1 src> <sha1 dest|-> <md5> <size>} after a 200, {@code B <backup>},
 * and last {@code D <dest>} (last, without a newline, so any path survives).
 */
record GetUrlOutcome(String verdict, String detail, int toolExit, int status, String sha1Src, String sha1Dest, String md5,
                     long size, String backup, String dest) {

    static GetUrlOutcome parse(String out) {
        String verdict = "";
        String detail = "";
        int toolExit = -1;
        int status = 0;
        String src = "";
        String dst = "";
        String md5 = "";
        long size = 0;
        String backup = "";
        String dest = "";
        int d = out.lastIndexOf("\nD ");
        if (out.startsWith("D ")) {
            d = -1;
            dest = out.substring(2);
            out = "";
        } else if (d >= 0) {
            dest = out.substring(d + 3);
            out = out.substring(0, d);
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("R ")) {
                String[] f = line.split(" ", 3);
                verdict = f[1];
                detail = f.length > 2 ? f[2] : "";
                if (verdict.equals("http") && f.length > 2) {
                    String[] n = f[2].split(" ");
                    toolExit = Integer.parseInt(n[0]);
                    status = n.length > 1 && n[1].matches("\\d+") ? Integer.parseInt(n[1]) : 0;
                }
            } else if (line.startsWith("S ")) {
                String[] f = line.split(" ");
                src = f[1];
                dst = f[2].equals("-") ? "" : f[2];
                md5 = f[3];
                size = Long.parseLong(f[4].trim());
            } else if (line.startsWith("B ")) {
                backup = line.substring(2);
            }
        }
        return new GetUrlOutcome(verdict, detail, toolExit, status, src, dst, md5, size, backup, dest);
    }
}
