package com.radrelay.archive.retrieve;

import java.io.IOException;

/**
 * Decodes a JPEG lossless (ITU-T T.81 process 14, Huffman, predictors 1-7) frame into native samples: the
 * transfer syntaxes JPEG Lossless and JPEG Lossless SV1. Needed only to hand an image to a retrieving peer that
 * cannot accept the compressed form; what is stored stays as received.
 */
public final class JpegLosslessDecoder {

    /** The decoded frame: samples interleaved by pixel, {@code precision} bits each. */
    public record Frame(int rows, int columns, int components, int precision, int[] samples) {

        /** Native pixel data bytes: one byte per sample up to 8 bits, else two, little endian. */
        public byte[] toLittleEndianBytes() {
            boolean wide = precision > 8;
            byte[] out = new byte[samples.length * (wide ? 2 : 1)];
            for (int i = 0; i < samples.length; i++) {
                if (wide) {
                    out[2 * i] = (byte) samples[i];
                    out[2 * i + 1] = (byte) (samples[i] >> 8);
                } else {
                    out[i] = (byte) samples[i];
                }
            }
            return out;
        }
    }

    private final byte[] data;
    private int pos;
    private final int[][] codes = new int[4][];
    private final int[][] lengths = new int[4][];
    private final int[][] symbols = new int[4][];
    private int precision;
    private int rows;
    private int columns;
    private int[] componentIds;
    private int restartInterval;

    private JpegLosslessDecoder(byte[] data) {
        this.data = data;
    }

    public static Frame decode(byte[] jpeg) throws IOException {
        return new JpegLosslessDecoder(jpeg).run();
    }

    private Frame run() throws IOException {
        if (u16() != 0xFFD8) {
            throw new IOException("not a JPEG stream (no SOI)");
        }
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xFFC3 -> frameHeader();
                case 0xFFC4 -> huffmanTables();
                case 0xFFDD -> {
                    u16();
                    restartInterval = u16();
                }
                case 0xFFDA -> {
                    return scan();
                }
                case 0xFFC0, 0xFFC1, 0xFFC2, 0xFFC5, 0xFFC6, 0xFFC7, 0xFFC9, 0xFFCA, 0xFFCB, 0xFFCD, 0xFFCE,
                        0xFFCF -> throw new IOException("not a lossless Huffman JPEG (SOF " + Integer.toHexString(marker) + ")");
                case 0xFFD9 -> throw new IOException("JPEG stream ends before its scan");
                default -> pos += u16() - 2;
            }
        }
    }

    private void frameHeader() throws IOException {
        int length = u16();
        int end = pos + length - 2;
        precision = u8();
        rows = u16();
        columns = u16();
        int n = u8();
        componentIds = new int[n];
        for (int i = 0; i < n; i++) {
            componentIds[i] = u8();
            int sampling = u8();
            u8();
            if (sampling != 0x11) {
                throw new IOException("subsampled lossless JPEG is not supported");
            }
        }
        pos = end;
    }

    private void huffmanTables() throws IOException {
        int end = pos - 2 + u16();
        while (pos < end) {
            int id = u8() & 0x0f;
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = u8();
                total += counts[i];
            }
            int[] syms = new int[total];
            int[] lens = new int[total];
            int[] code = new int[total];
            int k = 0;
            int c = 0;
            for (int len = 1; len <= 16; len++) {
                for (int j = 0; j < counts[len - 1]; j++) {
                    syms[k] = u8();
                    lens[k] = len;
                    code[k] = c++;
                    k++;
                }
                c <<= 1;
            }
            codes[id] = code;
            lengths[id] = lens;
            symbols[id] = syms;
        }
    }

    private Frame scan() throws IOException {
        int length = u16();
        int end = pos + length - 2;
        int n = u8();
        if (n != componentIds.length) {
            throw new IOException("a scan that does not hold every component is not supported");
        }
        int[] tables = new int[n];
        for (int i = 0; i < n; i++) {
            u8();
            tables[i] = u8() >> 4;
        }
        int predictor = u8();
        u8();
        int pointTransform = u8() & 0x0f;
        pos = end;
        if (predictor < 1 || predictor > 7) {
            throw new IOException("lossless predictor " + predictor + " is not defined");
        }
        int[] out = new int[rows * columns * n];
        int mask = (1 << precision) - 1;
        int initial = 1 << (precision - pointTransform - 1);
        bitBuffer = 0;
        bitCount = 0;
        int mcus = 0;
        // The first line of the image, and of each restart interval, predicts from the left (H.1.2.1).
        int firstLine = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                if (restartInterval > 0 && mcus > 0 && mcus % restartInterval == 0) {
                    readRestartMarker();
                    firstLine = y;
                }
                for (int c = 0; c < n; c++) {
                    int i = (y * columns + x) * n + c;
                    int prediction;
                    if (y == firstLine) {
                        prediction = x == 0 ? initial : out[i - n];
                    } else if (x == 0) {
                        prediction = out[i - columns * n];
                    } else {
                        int ra = out[i - n];
                        int rb = out[i - columns * n];
                        int rc = out[i - columns * n - n];
                        prediction = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    out[i] = (prediction + difference(tables[c])) & 0xffff;
                }
                mcus++;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (out[i] << pointTransform) & mask;
        }
        return new Frame(rows, columns, n, precision, out);
    }

    private int bitBuffer;
    private int bitCount;

    private int difference(int table) throws IOException {
        int ssss = huffman(table);
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        int bits = bits(ssss);
        return bits < (1 << (ssss - 1)) ? bits - (1 << ssss) + 1 : bits;
    }

    private int huffman(int table) throws IOException {
        int[] code = codes[table];
        int[] len = lengths[table];
        if (code == null) {
            throw new IOException("Huffman table " + table + " is not defined");
        }
        int value = 0;
        int length = 0;
        int k = 0;
        while (length < 16) {
            value = (value << 1) | bits(1);
            length++;
            while (k < code.length && len[k] == length) {
                if (code[k] == value) {
                    return symbols[table][k];
                }
                k++;
            }
        }
        throw new IOException("invalid Huffman code in the scan");
    }

    private int bits(int n) throws IOException {
        while (bitCount < n) {
            bitBuffer = (bitBuffer << 8) | entropyByte();
            bitCount += 8;
        }
        bitCount -= n;
        return (bitBuffer >> bitCount) & ((1 << n) - 1);
    }

    /** One byte of entropy-coded data: a stuffed 0xFF00 is 0xFF; a marker ends the data (pad with ones). */
    private int entropyByte() throws IOException {
        if (pos >= data.length) {
            throw new IOException("JPEG stream ends inside its scan");
        }
        int b = data[pos] & 0xff;
        if (b == 0xFF) {
            int next = pos + 1 < data.length ? data[pos + 1] & 0xff : 0;
            if (next == 0x00) {
                pos += 2;
                return 0xFF;
            }
            return 0xFF;
        }
        pos++;
        return b;
    }

    private void readRestartMarker() throws IOException {
        bitCount = 0;
        bitBuffer = 0;
        while (pos < data.length - 1 && !((data[pos] & 0xff) == 0xFF && (data[pos + 1] & 0xff) >= 0xD0
                && (data[pos + 1] & 0xff) <= 0xD7)) {
            pos++;
        }
        pos += 2;
    }

    private int nextMarker() throws IOException {
        while (pos < data.length && (data[pos] & 0xff) != 0xFF) {
            pos++;
        }
        while (pos < data.length && (data[pos] & 0xff) == 0xFF) {
            pos++;
        }
        if (pos >= data.length) {
            throw new IOException("JPEG stream ends before its scan");
        }
        return 0xFF00 | (data[pos++] & 0xff);
    }

    private int u8() throws IOException {
        if (pos >= data.length) {
            throw new IOException("JPEG stream is truncated");
        }
        return data[pos++] & 0xff;
    }

    private int u16() throws IOException {
        return (u8() << 8) | u8();
    }
}
