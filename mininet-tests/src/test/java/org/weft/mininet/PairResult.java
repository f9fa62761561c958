package org.weft.mininet;

/** One ping pair's outcome. */
public record PairResult(String src, String dst, int sent, int received) {
    public boolean reached() {
        return sent > 0 && received == sent;
    }

    @Override
    public String toString() {
        return src + "->" + dst + " " + received + "/" + sent;
    }
}
