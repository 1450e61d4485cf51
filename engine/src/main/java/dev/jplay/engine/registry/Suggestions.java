package dev.jplay.engine.registry;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" for misspelt names: the closest candidate within a small edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code word}. Ties (taks: tags or tasks?) go to a candidate that holds
     * the word's letters in order, as a dropped letter is the likeliest typo, then to the alphabetically
     * first, so the answer never depends on a set's iteration order.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int limit = Math.max(2, word.length() / 3);
        String w = word.toLowerCase();
        record Scored(String name, int distance, boolean holdsWord) {
        }
        return candidates.stream()
                .map(c -> new Scored(c, distance(w, c.toLowerCase()), isSubsequence(w, c.toLowerCase())))
                .filter(sc -> sc.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance).thenComparing(sc -> !sc.holdsWord()).thenComparing(Scored::name))
                .map(Scored::name);
    }

    private static boolean isSubsequence(String word, String candidate) {
        int i = 0;
        for (int j = 0; j < candidate.length() && i < word.length(); j++) {
            if (word.charAt(i) == candidate.charAt(j)) {
                i++;
            }
        }
        return i == word.length();
    }

    /** " (did you mean 'x'?)" or empty. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
