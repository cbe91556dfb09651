package com.radrelay.ingest.photo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A camera's JPEG made fit for DICOM: the metadata segments a phone writes (EXIF with GPS position, device serial
 * numbers and owner; XMP; Photoshop/IPTC) are cut out of the file, and everything else is kept byte for byte. Only a
 * photo the camera stored rotated (EXIF orientation other than "normal"), or a progressive one (not a DICOM JPEG
 * Baseline stream), is decoded, turned upright and encoded once more, at quality 0.95.
 */
record Jpeg(byte[] bytes, int width, int height, int components) {

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;

    static Jpeg forDicom(byte[] camera) {
        if (camera.length < 4 || (camera[0] & 0xff) != 0xFF || (camera[1] & 0xff) != SOI) {
            throw new IllegalArgumentException("not a JPEG photo (phones and cameras write JPEG)");
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream(camera.length);
        kept.write(0xFF);
        kept.write(SOI);
        int orientation = 1;
        int width = 0;
        int height = 0;
        int components = 0;
        boolean baseline = false;
        int i = 2;
        while (i + 4 <= camera.length) {
            if ((camera[i] & 0xff) != 0xFF) {
                throw new IllegalArgumentException("a damaged JPEG photo");
            }
            int marker = camera[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == SOS) {
                kept.write(camera, i, camera.length - i);
                break;
            }
            int length = ((camera[i + 2] & 0xff) << 8) | (camera[i + 3] & 0xff);
            if (length < 2 || i + 2 + length > camera.length) {
                throw new IllegalArgumentException("a damaged JPEG photo");
            }
            if (marker == APP1 && isExif(camera, i + 4)) {
                orientation = orientation(camera, i + 10, length - 8);
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                baseline = marker == 0xC0 || marker == 0xC1;
                height = ((camera[i + 5] & 0xff) << 8) | (camera[i + 6] & 0xff);
                width = ((camera[i + 7] & 0xff) << 8) | (camera[i + 8] & 0xff);
                components = camera[i + 9] & 0xff;
            }
            if (marker != APP1 && marker != APP13) {
                kept.write(camera, i, 2 + length);
            }
            i += 2 + length;
        }
        if (width == 0 || (components != 1 && components != 3)) {
            throw new IllegalArgumentException("a JPEG photo without a usable frame header");
        }
        if (orientation == 1 && baseline) {
            return new Jpeg(kept.toByteArray(), width, height, components);
        }
        return upright(camera, orientation);
    }

    private static boolean isExif(byte[] b, int at) {
        return at + 6 <= b.length && b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f'
                && b[at + 4] == 0 && b[at + 5] == 0;
    }

    /** The EXIF orientation (tag 0x0112 of IFD0), 1 when absent or unreadable. */
    private static int orientation(byte[] b, int tiff, int length) {
        if (length < 8 || tiff + length > b.length) {
            return 1;
        }
        boolean little = b[tiff] == 'I';
        int ifd = tiff + (int) read(b, tiff + 4, 4, little);
        if (ifd + 2 > tiff + length) {
            return 1;
        }
        int entries = (int) read(b, ifd, 2, little);
        for (int e = 0; e < entries; e++) {
            int entry = ifd + 2 + e * 12;
            if (entry + 12 > tiff + length) {
                return 1;
            }
            if (read(b, entry, 2, little) == 0x0112) {
                int value = (int) read(b, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long read(byte[] b, int at, int n, boolean little) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            int byteAt = little ? at + n - 1 - k : at + k;
            v = (v << 8) | (b[byteAt] & 0xff);
        }
        return v;
    }

    private static Jpeg upright(byte[] camera, int orientation) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(camera));
            if (image == null) {
                throw new IllegalArgumentException("a JPEG photo this server cannot read");
            }
            BufferedImage turned = turn(image, orientation);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(turned, null, null), param);
            } finally {
                writer.dispose();
            }
            boolean grey = turned.getRaster().getNumBands() == 1;
            return new Jpeg(out.toByteArray(), turned.getWidth(), turned.getHeight(), grey ? 1 : 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The image as it should be seen, for EXIF orientations 1-8 (the source pixel of each upright pixel). */
    static BufferedImage turn(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    case 8 -> { sx = w - 1 - y; sy = x; }
                    default -> { sx = x; sy = y; }
                }
                out.setRGB(x, y, image.getRGB(sx, sy));
            }
        }
        return out;
    }
}
