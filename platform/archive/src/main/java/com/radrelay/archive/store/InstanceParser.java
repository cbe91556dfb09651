package com.radrelay.archive.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.BulkData;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.ItemPointer;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.BulkDataDescriptor;
import org.dcm4che3.io.DicomInputHandler;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Parses an incoming instance while it streams into its object: the data set is read into memory except the pixel
 * data, whose position in the stored bytes is recorded instead. When the pixel data is reached (or the data set
 * ends without any), the attributes read so far are handed over, so the object can be opened while the pixels
 * are still arriving. Sequences nested deeper than a limit are refused before they can exhaust the stack.
 */
public final class InstanceParser {

    private static final BulkDataDescriptor PIXEL_DATA_ONLY = new BulkDataDescriptor() {
        @Override
        public boolean isBulkData(List<ItemPointer> itemPointer, String privateCreator, int tag, VR vr, int length) {
            return itemPointer.isEmpty() && isPixelData(tag);
        }
    };

    /**
     * Called once, with every attribute before the pixel data and the bytes the stored object starts with before
     * what arrived (the file meta information made for a C-STORE data set; nothing for a Part-10 file).
     */
    public interface BeforePixelData {
        void reached(Attributes dataset, byte[] prefix) throws IOException;
    }

    private InstanceParser() {
    }

    /**
     * A C-STORE data set (no file meta information): streams and parses it; its object gets file meta information
     * made from the data set's own UIDs (the command's only where the data set has none), which are authoritative.
     */
    public static ParsedInstance parseDataset(InputStream data, String transferSyntax, String sopClass,
            String sopInstance, String sourceAe, IncomingObject sink, BeforePixelData hook, InstanceLimits limits)
            throws IOException {
        Function<Attributes, Attributes> fileMeta = dataset -> {
            Attributes fmi = Attributes.createFileMetaInformation(dataset.getString(Tag.SOPInstanceUID, sopInstance),
                    dataset.getString(Tag.SOPClassUID, sopClass), transferSyntax);
            fmi.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAe);
            return fmi;
        };
        TeeInputStream tee = new TeeInputStream(data, sink);
        try {
            DicomInputStream in = new DicomInputStream(tee, transferSyntax);
            return read(in, fileMeta, null, transferSyntax, hook, limits);
        } finally {
            tee.drain();
        }
    }

    /** A Part-10 file (STOW-RS part): stored as received. */
    public static ParsedInstance parseFile(InputStream file, IncomingObject sink, BeforePixelData hook,
            InstanceLimits limits)
            throws IOException {
        TeeInputStream tee = new TeeInputStream(file, sink);
        try {
            DicomInputStream in;
            Attributes fmi;
            try {
                in = new DicomInputStream(tee);
                fmi = in.getFileMetaInformation();
            } catch (IOException | RuntimeException e) {
                throw new MalformedInstanceException(0xC000, "not a DICOM Part-10 file: " + describe(e));
            }
            if (fmi == null) {
                throw new MalformedInstanceException(0xC000, "not a DICOM Part-10 file: no file meta information");
            }
            return read(in, null, fmi, in.getTransferSyntax(), hook, limits);
        } finally {
            tee.drain();
        }
    }

    /**
     * Either {@code makeFileMeta} (a data set alone: its object starts with file meta information made for it) or
     * {@code received} (a Part-10 file, whose own file meta information heads the stored bytes).
     */
    private static ParsedInstance read(DicomInputStream in, @Nullable Function<Attributes, Attributes> makeFileMeta,
            @Nullable Attributes received, String ts, BeforePixelData hook, InstanceLimits limits) throws IOException {
        boolean deflated = ts.equals(UID.DeflatedExplicitVRLittleEndian) || ts.equals(UID.JPIPReferencedDeflate)
                || ts.equals(UID.JPIPHTJ2KReferencedDeflate);
        // Positions inside inflated data say nothing about the stored bytes: such pixel data is read by parsing.
        in.setIncludeBulkData(deflated ? DicomInputStream.IncludeBulkData.NO : DicomInputStream.IncludeBulkData.URI);
        in.setBulkDataDescriptor(PIXEL_DATA_ONLY);
        in.setURI("incoming");
        Watcher watcher = new Watcher(makeFileMeta, hook, limits, deflated);
        in.setDicomInputHandler(watcher);
        Attributes dataset;
        try {
            dataset = in.readDataset();
        } catch (HookFailed e) {
            throw e.getCause();
        } catch (MalformedInstanceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedInstanceException(0xC000, "cannot parse the data set: " + describe(e));
        }
        if (!watcher.reached) {
            watcher.reach(dataset);
        }
        Attributes fmi = watcher.fileMeta != null ? watcher.fileMeta : java.util.Objects.requireNonNull(received);
        long base = watcher.prefixLength;
        ParsedInstance.PixelData pixels = null;
        for (int tag : new int[] {Tag.PixelData, Tag.FloatPixelData, Tag.DoubleFloatPixelData}) {
            Object value = dataset.getValue(tag);
            VR vr = dataset.getVR(tag);
            if (value instanceof BulkData bulk) {
                pixels = new ParsedInstance.PixelData(tag, vr, base + bulk.offset(), bulk.longLength(), null);
            } else if (value instanceof Fragments fragments) {
                pixels = new ParsedInstance.PixelData(tag, vr, -1, -1, positions(fragments, base));
            }
            if (value != null) {
                dataset.remove(tag);
            }
        }
        return new ParsedInstance(fmi, dataset, ts, pixels);
    }

    private static boolean isPixelData(int tag) {
        return tag == Tag.PixelData || tag == Tag.FloatPixelData || tag == Tag.DoubleFloatPixelData;
    }

    /** Carries the hook's own failure through the parser, which would otherwise report it as unparsable input. */
    private static final class HookFailed extends IOException {

        HookFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Reads as the stream itself would, but notices the top-level pixel data before its value is read, and refuses
     * items nested deeper than allowed.
     */
    private static final class Watcher implements DicomInputHandler {

        private final @Nullable Function<Attributes, Attributes> makeFileMeta;
        private final BeforePixelData hook;
        private final InstanceLimits limits;
        private final boolean deflated;
        private long held;
        private boolean reached;
        private @Nullable Attributes fileMeta;
        private long prefixLength;

        Watcher(@Nullable Function<Attributes, Attributes> makeFileMeta, BeforePixelData hook, InstanceLimits limits,
                boolean deflated) {
            this.makeFileMeta = makeFileMeta;
            this.hook = hook;
            this.limits = limits;
            this.deflated = deflated;
        }

        /** Counts what the next value will hold in memory, refusing it before it is read if that is too much. */
        private void hold(DicomInputStream dis, boolean streamed) throws MalformedInstanceException {
            // The declared length is unsigned; -1 is "undefined": its content is counted as it is read.
            long length = dis.length() == -1 || streamed ? 0 : dis.length() & 0xFFFFFFFFL;
            held += length + InstanceLimits.PER_ELEMENT;
            if (held > limits.maxInMemory()) {
                // An Error Comment holds 64 characters: the reason fits in one.
                throw new MalformedInstanceException(StoreValidation.OUT_OF_RESOURCES, String.format(
                        "(%04X,%04X): %d bytes, over the %d MB instance limit", dis.tag() >>> 16, dis.tag() & 0xFFFF,
                        length, limits.maxInMemory() / (1024 * 1024)));
            }
        }

        /** The attributes before the pixel data are known: the object can be opened. */
        void reach(Attributes dataset) throws IOException {
            reached = true;
            byte[] prefix = new byte[0];
            if (makeFileMeta != null) {
                fileMeta = makeFileMeta.apply(dataset);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                try (DicomOutputStream out = new DicomOutputStream(bytes, UID.ExplicitVRLittleEndian)) {
                    out.writeFileMetaInformation(fileMeta);
                }
                prefix = bytes.toByteArray();
                prefixLength = prefix.length;
            }
            hook.reached(dataset, prefix);
        }

        @Override
        public void readValue(DicomInputStream dis, Attributes attrs) throws IOException {
            boolean pixels = dis.level() == 0 && isPixelData(dis.tag());
            if (!reached && pixels) {
                try {
                    reach(attrs);
                } catch (IOException e) {
                    throw new HookFailed(e);
                }
            }
            hold(dis, pixels && !deflated);
            dis.readValue(dis, attrs);
        }

        @Override
        public void readValue(DicomInputStream dis, Sequence seq) throws IOException {
            if (dis.level() > limits.maxSequenceDepth()) {
                throw new MalformedInstanceException(StoreValidation.DOES_NOT_MATCH_SOP_CLASS,
                        "sequences are nested deeper than " + limits.maxSequenceDepth() + " levels");
            }
            hold(dis, false);
            dis.readValue(dis, seq);
        }

        @Override
        public void readValue(DicomInputStream dis, Fragments frags) throws IOException {
            hold(dis, dis.level() == 0 && !deflated);
            dis.readValue(dis, frags);
        }

        @Override
        public void startDataset(DicomInputStream dis) throws IOException {
            dis.startDataset(dis);
        }

        @Override
        public void endDataset(DicomInputStream dis) throws IOException {
            dis.endDataset(dis);
        }
    }

    private static long[] positions(Fragments fragments, long base) {
        long[] pairs = new long[fragments.size() * 2];
        for (int i = 0; i < fragments.size(); i++) {
            if (fragments.get(i) instanceof BulkData bulk) {
                pairs[2 * i] = base + bulk.offset();
                pairs[2 * i + 1] = bulk.longLength();
            } else {
                pairs[2 * i] = -1;
                pairs[2 * i + 1] = 0;
            }
        }
        return pairs;
    }
}
