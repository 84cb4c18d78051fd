package io.selfheal.fingerprint.mining;

import io.selfheal.fingerprint.mask.Placeholders;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins a template and a message whose token counts or constants differ, when every difference is a variable-length
 * value: the longest common subsequence of their token shapes is taken, and each unmatched stretch must hold a value
 * (or sit next to one) and few constants; where tokens stand in each other's place, both must hold a value, in any
 * form ({@code to 10.0.0.1,} and {@code to LOCAL(0),}). {@code 1 bytes sent} and {@code 1 bytes (2.0 KB) sent} join,
 * as do lists of ids of any length; {@code VM Paused} and {@code VM Started} do not, nor a word in a value's place,
 * nor sentences that only share a prefix.
 */
final class TemplateAlignment {
    private static final int MAX_CELLS = 20_000;

    private TemplateAlignment() {
    }

    /**
     * The joined template's tokens and, per joined token, the template position it came from (-1 for a new
     * wildcard), or null when the two do not join.
     */
    static Joined join(String[] templateShape, String[] messageShape) {
        int n = templateShape.length;
        int m = messageShape.length;
        if ((long) n * m > MAX_CELLS || n == 0 || m == 0) {
            return null;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = templateShape[i].equals(messageShape[j])
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> tokens = new ArrayList<>();
        List<Integer> origins = new ArrayList<>();
        int matchedConstants = 0;
        int gapConstants = 0;
        int i = 0;
        int j = 0;
        boolean previousVariable = false;
        while (i < n || j < m) {
            int gapI = i;
            int gapJ = j;
            while (i < n && j < m && !templateShape[i].equals(messageShape[j])) {
                if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                    i++;
                } else {
                    j++;
                }
            }
            if (i == n || j == m) {
                i = n;
                j = m;
            }
            if (i > gapI || j > gapJ) {
                boolean nextVariable = i < n && TokenShapes.isBareValue(templateShape[i]);
                int templateValues = countBareValues(templateShape, gapI, i);
                int messageValues = countBareValues(messageShape, gapJ, j);
                int variables = templateValues + messageValues;
                int constants = (i - gapI) + (j - gapJ) - variables;
                boolean substitution = i > gapI && j > gapJ;
                boolean anchored = substitution
                        ? holdsValue(templateShape, gapI, i) && holdsValue(messageShape, gapJ, j)
                        : variables > 0 || previousVariable || nextVariable;
                int allowed = variables + (previousVariable || nextVariable ? 1 : 0);
                if (!anchored || constants > allowed) {
                    return null;
                }
                gapConstants += constants;
                if (!previousVariable) {
                    tokens.add(Placeholders.ANY);
                    origins.add(-1);
                    previousVariable = true;
                }
            }
            if (i < n && j < m) {
                boolean variable = TokenShapes.isBareValue(templateShape[i]);
                if (variable && previousVariable && tokens.get(tokens.size() - 1).equals(Placeholders.ANY)
                        && templateShape[i].equals(Placeholders.ANY) && origins.get(origins.size() - 1) == -1) {
                    origins.set(origins.size() - 1, i);
                } else {
                    tokens.add(templateShape[i]);
                    origins.add(i);
                }
                matchedConstants += variable ? 0 : 1;
                previousVariable = variable;
                i++;
                j++;
            }
        }
        if (matchedConstants == 0 || gapConstants * 2 > matchedConstants) {
            return null;
        }
        return new Joined(tokens.toArray(String[]::new), origins.stream().mapToInt(Integer::intValue).toArray());
    }

    static boolean isVariable(String shapeToken) {
        return shapeToken.contains(Placeholders.ANY);
    }

    private static boolean holdsValue(String[] shape, int from, int to) {
        for (int k = from; k < to; k++) {
            if (isVariable(shape[k])) {
                return true;
            }
        }
        return false;
    }

    private static int countBareValues(String[] shape, int from, int to) {
        int count = 0;
        for (int k = from; k < to; k++) {
            count += TokenShapes.isBareValue(shape[k]) ? 1 : 0;
        }
        return count;
    }

    /**
     * @param tokens  joined template tokens (shapes: placeholders generalised to {@code <*>})
     * @param origins per token, the template position it came from, or -1
     */
    record Joined(String[] tokens, int[] origins) {
    }
}
