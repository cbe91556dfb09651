package com.radrelay.archive.store;

/**
 * What one incoming instance may take of what every clinic shares, each refused with "Out of Resources" (A700)
 * before it is allocated.
 *
 * @param maxSequenceDepth sequences nested deeper than this are refused (they would exhaust the parser's stack)
 * @param maxInMemory what one instance may hold in memory while it is parsed: every value but its streamed pixel
 *     data (so deflated data, whose pixels cannot be streamed, counts whole), plus a fixed cost per element, item and
 *     fragment; a huge declared length is refused before it is read
 * @param maxFrameDimension the most rows or columns one frame may have (decoders allocate rows x columns)
 * @param maxFrameBytes the most bytes one decoded frame may take
 */
public record InstanceLimits(int maxSequenceDepth, long maxInMemory, int maxFrameDimension, long maxFrameBytes) {

    /** What each element, item or fragment costs in memory besides its value (its object and array slot). */
    static final int PER_ELEMENT = 64;
}
